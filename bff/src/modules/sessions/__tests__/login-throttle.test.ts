import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  APPS,
  createAccount,
  DB_KINDS,
  freshDb,
  restLogin,
  signIn,
  startHarness,
  type Harness,
} from '../../../test/harness.js';

/** The application-login throttle's writes to its shared counters (the database). */
describe.each(DB_KINDS)('application-login throttle writes (%s)', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(freshDb(kind));
    await createAccount((await signIn(h)).agent, APPS.acme);
  });
  afterEach(() => h.dispose());

  const spyWrites = () => {
    const t = h.ctx.throttles;
    return {
      add: vi.spyOn(t, 'add'),
      takeBack: vi.spyOn(t, 'takeBack'),
      remove: vi.spyOn(t, 'remove'),
    };
  };
  const calls = (w: ReturnType<typeof spyWrites>) => ({
    add: w.add.mock.calls.length,
    takeBack: w.takeBack.mock.calls.length,
    remove: w.remove.mock.calls.length,
  });

  it('a storm of identical fresh logins takes one attempt for its one slow check, and none is refused', async () => {
    const writes = spyWrites();
    const results = await Promise.all(Array.from({ length: 45 }, () => restLogin(h, APPS.acme)));
    expect(results.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    // The local password's slow hash: one attempt taken and given back for all 45 logins.
    expect(calls(writes)).toEqual({ add: 1, takeBack: 1, remove: 0 });
  });

  it('writes nothing for a login whose password is already verified; resets only a key with failures', async () => {
    await restLogin(h, APPS.acme).expect(200);
    const writes = spyWrites();
    for (let i = 0; i < 5; i++) await restLogin(h, APPS.acme).expect(200);
    await Promise.all(Array.from({ length: 10 }, () => restLogin(h, APPS.acme).expect(200)));
    expect(calls(writes)).toEqual({ add: 0, takeBack: 0, remove: 0 });

    // After a failure, the next success forgives it (one reset), and the one after writes nothing.
    await restLogin(h, APPS.acme, 'not-the-password').expect(401);
    expect(calls(writes)).toMatchObject({ add: 1, remove: 0 });
    await restLogin(h, APPS.acme).expect(200);
    expect(calls(writes)).toMatchObject({ add: 1, remove: 1 });
    await restLogin(h, APPS.acme).expect(200);
    expect(calls(writes)).toEqual({ add: 1, takeBack: 0, remove: 1 });
  });
});
