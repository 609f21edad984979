import type { ErrorCode } from '@oig/shared';
import type { ZodError } from 'zod';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  upstream_failed: 502,
  internal: 500,
};

/** The one error type of the domain: a stable code, a message for people, optional field messages. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = STATUS[code];
  }

  static fromZod(err: ZodError, what = 'Request'): AppError {
    const fields: Record<string, string> = {};
    for (const issue of err.issues) {
      const key = issue.path.join('.') || '(body)';
      fields[key] ??= issue.message;
    }
    const first = err.issues[0];
    const where = first && first.path.length > 0 ? `${first.path.join('.')}: ` : '';
    return new AppError(
      'validation_failed',
      `${what} is invalid: ${where}${first?.message ?? 'invalid value'}`,
      fields,
    );
  }
}
