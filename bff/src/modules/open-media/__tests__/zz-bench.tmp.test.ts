import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { it } from 'vitest';
import { DB_KINDS } from '../../../test/harness.js';
import { addMicc, API, startPeer, startProduct } from './helpers.js';
void DB_KINDS;

it('bench', async () => {
  const sim = await startPeer({ maxRequests: 100_000 } as never);
  const p = await startProduct('sqlite', sim);
  await addMicc(p.admin);
  sim.sim.fill(5000, 1002);
  let t = performance.now();
  const first = await p.admin.get(`${API}/requests`).expect(200);
  console.log('first read (GetAll 5000):', (performance.now() - t).toFixed(1), 'ms', first.body.requests.length);
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < 200; i++) {
    sim.sim.fill(2, 1001);
    sim.sim.advance(1000);
    const c0 = process.cpuUsage();
    t = performance.now();
    await p.admin.get(`${API}/requests`).expect(200);
    times.push(performance.now() - t);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  h.disable();
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const q = (a: number[], f: number) => a[Math.min(a.length - 1, Math.floor(a.length * f))]!.toFixed(2);
  console.log('GET /requests incl. poll, p50', q(times, 0.5), 'p99', q(times, 0.99), 'max', q(times, 1));
  console.log('CPU per round (product+peer+supertest) p50', q(cpu, 0.5), 'p99', q(cpu, 0.99));
  console.log('event loop delay max', (h.max / 1e6).toFixed(1), 'ms p99', (h.percentile(99) / 1e6).toFixed(1));
  // The feed's own work per incremental round, alone.
  const { createOpenMediaFeed } = await import('../feed.js');
  const { openMediaOperations } = await import('../operations.js');
  const { createOpenMediaClient } = await import('../client.js');
  const ops = openMediaOperations(createOpenMediaClient({ timeoutMs: 5000 }));
  const target = (await p.h.ctx.networkElements.miccTarget())!;
  const answers: Awaited<ReturnType<typeof ops.byTime>>[] = [];
  let last = (await ops.all(target)).timeStamp;
  for (let i = 0; i < 100; i++) {
    sim.sim.fill(3, 1001);
    sim.sim.advance(1000);
    const a = await ops.byTime(target, last);
    answers.push(a);
    last = a.timeStamp;
  }
  let k = 0;
  const fakeOps = {
    all: () => ops.all(target),
    byTime: async () => answers[k++]!,
  };
  const feed = createOpenMediaFeed({ ops: fakeOps, pollMs: 0, retentionMs: 1_800_000, now: Date.now, logger: p.h.ctx.logger });
  await feed.read(target);
  const apply: number[] = [];
  for (let i = 0; i < 99; i++) {
    t = performance.now();
    await feed.read(target);
    apply.push(performance.now() - t);
  }
  apply.sort((a, b) => a - b);
  console.log('feed apply+sort per round (answers pre-fetched):', 'p50', q(apply, 0.5), 'p99', q(apply, 0.99), 'max', q(apply, 1));
  await p.h.dispose();
  await sim.close();
}, 120_000);
