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

/** A finer reason within the code, and the values its message names (see the shared apiErrorSchema). */
export interface ErrorDetail {
  reason: string;
  params?: Record<string, string>;
}

/**
 * The one error type of the domain: a stable code, a message for people, optional field
 * messages, and optionally a finer `reason` with `params` so the console can word it itself.
 */
export class AppError extends Error {
  readonly status: number;
  readonly reason: string | undefined;
  readonly params: Record<string, string> | undefined;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    readonly headers?: Record<string, string>,
    detail?: ErrorDetail,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = STATUS[code];
    this.reason = detail?.reason;
    this.params = detail?.params;
  }

  /** An error with a reason (and its params), e.g. `conflict` / `group_closed`. */
  static withReason(code: ErrorCode, reason: string, message: string, params?: Record<string, string>) {
    return new AppError(code, message, undefined, undefined, { reason, ...(params ? { params } : {}) });
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
