import { describe, expect, it } from 'vitest';
import { backoffMs, classifyMailError, RETRY_BASE_MS, RETRY_MAX_MS } from '../mail.service.js';

describe('mail delivery rules', () => {
  it('retries SMTP 4xx and connection errors; fails on 5xx with the server answer', () => {
    expect(classifyMailError({ responseCode: 451, response: '451 4.3.0 busy', code: 'EMESSAGE' })).toEqual({
      retry: true,
      error: '451 4.3.0 busy',
    });
    expect(
      classifyMailError({ responseCode: 550, response: '550 5.1.1 no such user', code: 'EENVELOPE' }),
    ).toEqual({ retry: false, error: '550 5.1.1 no such user' });
    expect(classifyMailError({ responseCode: 535, response: '535 auth failed', code: 'EAUTH' }).retry).toBe(
      false,
    );
    for (const code of ['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS'])
      expect(classifyMailError({ code, message: 'x' }).retry).toBe(true);
  });

  it('backs off 30 s doubling per attempt, capped at 30 min', () => {
    expect(backoffMs(1)).toBe(RETRY_BASE_MS);
    expect(backoffMs(2)).toBe(2 * RETRY_BASE_MS);
    expect(backoffMs(4)).toBe(8 * RETRY_BASE_MS);
    expect(backoffMs(9)).toBe(RETRY_MAX_MS);
    expect(backoffMs(50)).toBe(RETRY_MAX_MS);
  });
});
