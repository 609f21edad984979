/**
 * Child processes driven over Node's IPC channel, for the benchmark (bench/target.ts) and the
 * heavy-work harness (test/heavy-work/): the parent sends `{...command, seq}`, the child answers
 * `{seq, ok, result | error}`; `seq` 0 is the child's ready message. Never part of the product.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export type Reply = { seq: number; ok: true; result: unknown } | { seq: number; ok: false; error: string };

const errorText = (err: unknown) => (err instanceof Error ? (err.stack ?? err.message) : String(err));

/**
 * The child's side: answers each command with `handle`, runs `onDisconnect` and exits when the
 * parent goes away, and sends the ready message once `ready` settles (exiting if it fails).
 */
export function serveIpc<C>(
  handle: (cmd: C) => Promise<unknown>,
  opts: { ready?: Promise<unknown>; onDisconnect?: () => Promise<unknown> } = {},
): void {
  const send = (r: Reply) => process.send?.(r);
  process.on('message', (msg: C & { seq: number }) => {
    handle(msg).then(
      (result) => send({ seq: msg.seq, ok: true, result }),
      (err: unknown) => send({ seq: msg.seq, ok: false, error: errorText(err) }),
    );
  });
  process.on('disconnect', () => {
    (opts.onDisconnect?.() ?? Promise.resolve()).catch(() => undefined).finally(() => process.exit(0));
  });
  (opts.ready ?? Promise.resolve('ready')).then(
    (result) => send({ seq: 0, ok: true, result }),
    (err: unknown) => {
      send({ seq: 0, ok: false, error: errorText(err) });
      process.exit(1);
    },
  );
}

const children = new Set<ChildProcess>();

/** Kills every child still running (a parent that failed half-way, or its watchdog). */
export function killIpcChildren(): void {
  for (const c of children) c.kill('SIGKILL');
}

/** The parent's side of one child. */
export class IpcChild<C> {
  private seq = 0;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  /** The child's ready message's result. */
  readonly ready: Promise<unknown>;

  private constructor(
    private readonly child: ChildProcess,
    private readonly label: string,
  ) {
    this.ready = new Promise((resolve, reject) => this.pending.set(0, { resolve, reject }));
    this.ready.catch(() => undefined); // a failed start is seen by whoever awaits it
    child.on('message', (m: Reply) => {
      const p = this.pending.get(m.seq);
      if (!p) return;
      this.pending.delete(m.seq);
      if (m.ok) p.resolve(m.result);
      else p.reject(new Error(`${label}: ${m.error}`));
    });
    child.on('exit', (code, signal) => {
      children.delete(child);
      for (const p of this.pending.values())
        p.reject(new Error(`${label} process exited (${signal ?? code})`));
      this.pending.clear();
    });
  }

  /** Forks `file` (a URL or path) with these node options and environment (default: the parent's). */
  static fork<C>(
    file: URL | string,
    opts: { label: string; execArgv: string[]; env?: NodeJS.ProcessEnv; cwd?: string },
  ): IpcChild<C> {
    const child = fork(file instanceof URL ? fileURLToPath(file) : file, [], {
      execArgv: opts.execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      ...(opts.env ? { env: opts.env } : {}),
      ...(opts.cwd ? { cwd: opts.cwd } : {}),
    });
    children.add(child);
    return new IpcChild<C>(child, opts.label);
  }

  call<T>(cmd: C): Promise<T> {
    const seq = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(seq, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ ...cmd, seq });
    });
  }

  /** Disconnects and waits for the child to exit (killed after `killAfterMs`). */
  async close(killAfterMs = 15_000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.disconnect();
    const killer = setTimeout(() => this.child.kill('SIGKILL'), killAfterMs);
    await exited;
    clearTimeout(killer);
  }
}
