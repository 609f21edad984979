/**
 * The applications of the heavy-work harness (see protocol.ts), in a process of their own so that
 * nothing the driver does delays them: N SOAP sessions, each sending resetSessionTimer every
 * `intervalMs` as a MiVoice application does, and counting a keep-alive not answered `true` within
 * `deadlineMs` as a miss. Driven over the IPC channel; never part of the product.
 */
import { loginExXml, readReturn, sessionOpXml, SOAP_PATH } from '../soap-client.js';
import { serveIpc } from '../ipc.js';
import type { KeepersCommand, KeepersReport } from './protocol.js';

type Start = Extract<KeepersCommand, { op: 'start' }>;

const MAX_REASONS = 10;

async function soap(url: string, action: string, xml: string, deadlineMs: number): Promise<string> {
  const res = await fetch(`${url}${SOAP_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"urn:${action}"` },
    body: xml,
    signal: AbortSignal.timeout(deadlineMs),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${text.slice(0, 200)}`);
  return text;
}

let run: { stop: () => Promise<KeepersReport> } | undefined;

async function start(cmd: Start): Promise<{ sessions: number }> {
  const ids: string[] = [];
  for (let i = 0; i < cmd.sessions; i++) {
    const xml = await soap(cmd.url, 'loginEx', loginExXml({ ...cmd.app, version: '1.0' }), 10_000);
    const r = readReturn(xml);
    if (r.result !== 'true' || !r.sessionId) throw new Error(`login ${i} refused: ${xml.slice(0, 300)}`);
    ids.push(r.sessionId);
  }
  const report: KeepersReport = {
    sessions: ids.length,
    ok: 0,
    missed: 0,
    reasons: [],
    aliveAtEnd: 0,
    latenciesMs: [],
  };
  const miss = (why: string) => {
    report.missed++;
    if (report.reasons.length < MAX_REASONS) report.reasons.push(why);
  };
  const keepAlive = async (id: string): Promise<boolean> => {
    const t0 = performance.now();
    try {
      const xml = await soap(
        cmd.url,
        'resetSessionTimer',
        sessionOpXml('resetSessionTimer', id),
        cmd.deadlineMs,
      );
      return readReturn(xml).result === 'true' || (miss(`refused: ${xml.slice(0, 200)}`), false);
    } catch (err) {
      miss(
        err instanceof Error && err.name === 'TimeoutError'
          ? `no answer within ${cmd.deadlineMs} ms`
          : String(err),
      );
      return false;
    } finally {
      report.latenciesMs.push(performance.now() - t0);
    }
  };
  let stopping = false;
  const loops = ids.map(async (id, i) => {
    // Spread the sessions over the interval, as independent applications would be.
    await new Promise((r) => setTimeout(r, (cmd.intervalMs * i) / ids.length));
    while (!stopping) {
      const next = performance.now() + cmd.intervalMs;
      if (await keepAlive(id)) report.ok++;
      await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())));
    }
  });
  run = {
    async stop() {
      stopping = true;
      await Promise.all(loops);
      for (const id of ids) {
        if (await keepAlive(id)) report.aliveAtEnd++;
        await soap(cmd.url, 'logout', sessionOpXml('logout', id), 10_000).catch(() => undefined);
      }
      return report;
    },
  };
  return { sessions: ids.length };
}

async function handle(cmd: KeepersCommand): Promise<unknown> {
  if (cmd.op === 'start') return start(cmd);
  const r = run;
  run = undefined;
  return r ? r.stop() : null;
}

serveIpc<KeepersCommand>(handle);
