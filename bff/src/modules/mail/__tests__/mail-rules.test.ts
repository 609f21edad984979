import { describe, expect, it } from 'vitest';
import {
  AttachmentPartError,
  backoffMs,
  classifyMailError,
  RETRY_BASE_MS,
  RETRY_MAX_MS,
} from '../mail.service.js';

describe('mail delivery rules', () => {
  it('retries SMTP 4xx and connection errors; fails on 5xx with the server answer', () => {
    expect(classifyMailError({ responseCode: 451, response: '451 4.3.0 busy', code: 'EMESSAGE' })).toEqual({
      retry: true,
      error: '451 4.3.0 busy',
      reason: { code: 'smtp_deferred', params: { responseCode: 451, response: '451 4.3.0 busy' } },
    });
    expect(
      classifyMailError({ responseCode: 550, response: '550 5.1.1 no such user', code: 'EENVELOPE' }),
    ).toEqual({
      retry: false,
      error: '550 5.1.1 no such user',
      reason: { code: 'smtp_refused', params: { responseCode: 550, response: '550 5.1.1 no such user' } },
    });
    expect(classifyMailError({ responseCode: 535, response: '535 auth failed', code: 'EAUTH' }).retry).toBe(
      false,
    );
    for (const code of ['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS'])
      expect(classifyMailError({ code, message: 'x' }).retry).toBe(true);
  });

  it('says each failure as a code and params for the console', () => {
    const reason = (err: unknown) => classifyMailError(err).reason;
    expect(reason({ responseCode: 535, response: '535 auth failed', code: 'EAUTH' })).toEqual({
      code: 'auth_failed',
      params: { responseCode: 535, response: '535 auth failed' },
    });
    expect(reason({ code: 'ECONNECTION', message: 'connect ECONNREFUSED 127.0.0.1:25' })).toEqual({
      code: 'connection_failed',
      params: { code: 'ECONNECTION', detail: 'connect ECONNREFUSED 127.0.0.1:25' },
    });
    expect(reason({ code: 'ETIMEDOUT', message: 'Greeting never received' })).toEqual({
      code: 'timeout',
      params: {},
    });
    expect(reason({ code: 'EDNS', message: 'getaddrinfo ENOTFOUND smtp.invalid' })).toEqual({
      code: 'dns_failed',
      params: { code: 'EDNS', detail: 'getaddrinfo ENOTFOUND smtp.invalid' },
    });
    expect(reason({ code: 'ETLS', message: 'x' })).toEqual({ code: 'tls_failed', params: {} });
    expect(reason(new AttachmentPartError('attachment 1: part 2 of 3 is missing'))).toEqual({
      code: 'attachment_missing',
      params: { detail: 'attachment 1: part 2 of 3 is missing' },
    });
    expect(reason(new Error('EACCES: permission denied'))).toEqual({
      code: 'other',
      params: { detail: 'EACCES: permission denied' },
    });
  });

  it('backs off 30 s doubling per attempt, capped at 30 min', () => {
    expect(backoffMs(1)).toBe(RETRY_BASE_MS);
    expect(backoffMs(2)).toBe(2 * RETRY_BASE_MS);
    expect(backoffMs(4)).toBe(8 * RETRY_BASE_MS);
    expect(backoffMs(9)).toBe(RETRY_MAX_MS);
    expect(backoffMs(50)).toBe(RETRY_MAX_MS);
  });
});
