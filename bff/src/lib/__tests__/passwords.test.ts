import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword, VerifiedPasswordCache } from '../passwords.js';

describe('password hashing', () => {
  it('stores a salted scrypt hash that verifies only the right password', async () => {
    const a = await hashPassword('correct horse');
    const b = await hashPassword('correct horse');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b); // salted
    expect(a).not.toContain('correct horse');
    expect(await verifyPassword('correct horse', a)).toBe(true);
    expect(await verifyPassword('correct horsE', a)).toBe(false);
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
  });
});

describe('VerifiedPasswordCache', () => {
  const counting = () => {
    let calls = 0;
    const fn = async (p: string, stored: string) => {
      calls++;
      await new Promise((r) => setTimeout(r, 20));
      return stored === `hash-of-${p}`;
    };
    return { fn, calls: () => calls };
  };

  it('runs one slow check for a storm of identical concurrent logins, then none', async () => {
    const v = counting();
    const cache = new VerifiedPasswordCache(100, v.fn);
    const results = await Promise.all(Array.from({ length: 200 }, () => cache.verify('pw', 'hash-of-pw')));
    expect(results.every(Boolean)).toBe(true);
    expect(v.calls()).toBe(1);
    expect(await cache.verify('pw', 'hash-of-pw')).toBe(true);
    expect(v.calls()).toBe(1);
  });

  it('never caches failures, and a changed stored hash is checked again', async () => {
    const v = counting();
    const cache = new VerifiedPasswordCache(100, v.fn);
    expect(await cache.verify('bad', 'hash-of-pw')).toBe(false);
    expect(await cache.verify('bad', 'hash-of-pw')).toBe(false);
    expect(v.calls()).toBe(2);
    expect(await cache.verify('pw', 'hash-of-pw')).toBe(true);
    expect(await cache.verify('pw', 'hash-of-new')).toBe(false);
    expect(v.calls()).toBe(4);
  });

  it('stays bounded', async () => {
    const v = counting();
    const cache = new VerifiedPasswordCache(3, v.fn);
    for (const p of ['a', 'b', 'c', 'd']) await cache.verify(p, `hash-of-${p}`);
    await cache.verify('a', 'hash-of-a'); // evicted first, so checked again
    expect(v.calls()).toBe(5);
  });
});
