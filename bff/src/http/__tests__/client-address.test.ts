import { afterEach, describe, expect, it } from 'vitest';
import {
  APPS,
  createAccount,
  freshDb,
  restLogin,
  signIn,
  startHarness,
  type Harness,
} from '../../test/harness.js';

describe('client addresses behind proxies (OIG_TRUST_PROXY)', () => {
  let h: Harness;
  afterEach(() => h.dispose());

  const addressSeen = async (forwardedFor: string) => {
    const { agent } = await signIn(h);
    await createAccount(agent, APPS.acme);
    await restLogin(h, APPS.acme).set('X-Forwarded-For', forwardedFor).expect(200);
    const live = (await agent.get('/api/v1/sessions').expect(200)).body.sessions as Array<{
      clientAddress: string;
    }>;
    return live[0]!.clientAddress;
  };

  it('ignores X-Forwarded-For by default: a client cannot choose its own address', async () => {
    h = await startHarness(freshDb('sqlite'));
    expect(await addressSeen('6.6.6.6')).toBe('127.0.0.1');
  });

  it('believes only trusted proxies: the nearest untrusted hop is the client', async () => {
    h = await startHarness(freshDb('sqlite'), { env: { OIG_TRUST_PROXY: 'loopback' } });
    // A client spoofing "1.1.1.1" in front of the real proxy chain gets the proxy-seen address.
    expect(await addressSeen('1.1.1.1, 203.0.113.7')).toBe('203.0.113.7');
  });

  it('with a hop count, trusts exactly that many proxies', async () => {
    h = await startHarness(freshDb('sqlite'), { env: { OIG_TRUST_PROXY: '1' } });
    expect(await addressSeen('1.1.1.1, 203.0.113.9')).toBe('203.0.113.9');
  });
});
