import { describe, expect, it } from 'vitest';
import { ENDED_MEMORY_MAX, ENDED_MEMORY_MS, SessionCache } from '../session-cache.js';
import type { AppSessionRow } from '../sessions.repo.js';

const row = (handle: string, over: Partial<AppSessionRow> = {}): AppSessionRow => ({
  handle,
  token_hash: `th-${handle}`,
  token_last4: '1234',
  company_name: 'Acme',
  application_name: 'App',
  service_type: 'standard',
  protocol: 'soap',
  client_address: '127.0.0.1',
  created_at: 1_000,
  last_activity_at: 1_000,
  keepalive_ms: 10_000,
  licenses: '[]',
  challenge: null,
  challenge_expires_at: null,
  certificate_pem: null,
  search_text: '',
  ...over,
});

describe('session cache', () => {
  it('finds a session by token hash and by handle, with numbers from the row', () => {
    const cache = new SessionCache(() => 0);
    const s = cache.remember(
      row('h1', { last_activity_at: '5000' as never, challenge: 'c', challenge_expires_at: 9_000 }),
    );
    expect(cache.get('th-h1')).toBe(s);
    expect(cache.byHandle('h1')).toBe(s);
    expect(s).toMatchObject({
      lastActivityAt: 5_000,
      storedActivityAt: 5_000,
      keepAliveMs: 10_000,
      challenge: 'c',
      challengeExpiresAt: 9_000,
    });
    expect(cache.byHandle('other')).toBeUndefined();
  });

  it('never fills an ended session back in, even after the cache was cleared', () => {
    const cache = new SessionCache(() => 0);
    cache.remember(row('h1'));
    cache.forget('h1');
    expect(cache.get('th-h1')).toBeUndefined();
    expect(cache.byHandle('h1')).toBeUndefined();
    // A database read that raced with the end brings the row back: it stays out.
    expect(cache.fill(row('h1'))).toBeUndefined();
    cache.clear();
    expect(cache.fill(row('h1'))).toBeUndefined();
    // Another session fills in as usual.
    expect(cache.fill(row('h2'))?.handle).toBe('h2');
  });

  it('clear drops every cached session', () => {
    const cache = new SessionCache(() => 0);
    cache.remember(row('h1'));
    cache.remember(row('h2'));
    cache.clear();
    expect(cache.get('th-h1')).toBeUndefined();
    expect(cache.byHandle('h2')).toBeUndefined();
    expect(cache.fill(row('h1'))?.handle).toBe('h1');
  });

  it('keeps its ended memory bounded: past the limit the expired go, then the oldest', () => {
    let clock = 0;
    const cache = new SessionCache(() => clock);
    cache.forget('expired');
    clock += ENDED_MEMORY_MS + 1;
    cache.forget('oldest');
    for (let i = 0; i < ENDED_MEMORY_MAX - 2; i++) cache.forget(`h${i}`);
    // At the limit (two + the rest): nothing dropped yet.
    expect(cache.fill(row('expired'))).toBeUndefined();
    cache.forget('one-more');
    // Over it: the expired handle goes, which is enough.
    expect(cache.fill(row('expired'))).toBeDefined();
    expect(cache.fill(row('oldest'))).toBeUndefined();
    cache.forget('and-another');
    // Over it again with nothing expired: the oldest goes.
    expect(cache.fill(row('oldest'))).toBeDefined();
    expect(cache.fill(row('h0'))).toBeUndefined();
    expect(cache.fill(row('and-another'))).toBeUndefined();
  });
});
