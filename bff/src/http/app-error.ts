import {
  issueCode,
  issueParams,
  valueAt,
  type ErrorCode,
  type ErrorReason,
  type ValidationCode,
} from '@oig/shared';
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

/** Why one field failed: its English message, and its reason (with params) for the console. */
export interface FieldProblem {
  message: string;
  /** One of ERROR_REASONS, or (a failed schema) a validation code. */
  reason: ErrorReason | ValidationCode;
  params?: Record<string, string>;
}

/** A field's problem with its own reason (one of ERROR_REASONS). */
export const fieldProblem = (
  reason: ErrorReason,
  message: string,
  params?: Record<string, string>,
): FieldProblem => ({ message, reason, ...(params ? { params } : {}) });

export interface AppErrorOptions {
  /** The values the message names (strings: the console fills its own text with them). */
  params?: Record<string, string> | undefined;
  /** The fields in error, by dotted path. */
  fields?: Record<string, FieldProblem> | undefined;
  /** Extra response headers (e.g. Retry-After). */
  headers?: Record<string, string> | undefined;
}

/**
 * The one error type of the domain: a stable code (→ one status), a stable `reason` within it
 * (one of the shared ERROR_REASONS) with its `params`, an English message, and optionally the
 * fields in error, each with its English message and its own reason.
 */
export class AppError extends Error {
  readonly status: number;
  readonly params: Record<string, string> | undefined;
  /** English message of each field in error. */
  readonly fields: Record<string, string> | undefined;
  /** The reason (and params) of each field in error. */
  readonly fieldReasons: Record<string, { reason: string; params?: Record<string, string> }> | undefined;
  readonly headers: Record<string, string> | undefined;
  constructor(
    readonly code: ErrorCode,
    readonly reason: ErrorReason,
    message: string,
    options: AppErrorOptions = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.status = STATUS[code];
    this.params = options.params;
    this.headers = options.headers;
    const fields = options.fields ? Object.entries(options.fields) : [];
    this.fields = fields.length ? Object.fromEntries(fields.map(([k, f]) => [k, f.message])) : undefined;
    this.fieldReasons = fields.length
      ? Object.fromEntries(
          fields.map(([k, f]) => [k, { reason: f.reason, ...(f.params ? { params: f.params } : {}) }]),
        )
      : undefined;
  }

  /** An error with a reason and its params, e.g. `conflict` / `group_closed`. */
  static withReason(code: ErrorCode, reason: ErrorReason, message: string, params?: Record<string, string>) {
    return new AppError(code, reason, message, { params });
  }

  /**
   * A failed schema: 400 `invalid_input` {field: the first field's path}, each field with its
   * English message and its validation code (the same `issueCode` the console derives; `input` is
   * what was parsed, so a missing or blank value is `required`).
   */
  static fromZod(err: ZodError, input: unknown, what = 'Request'): AppError {
    const fields: Record<string, FieldProblem> = {};
    for (const issue of err.issues) {
      const key = issue.path.join('.') || '(body)';
      const params = issueParams(issue);
      fields[key] ??= {
        message: issue.message,
        reason: issueCode(issue, valueAt(input, issue.path)),
        ...(Object.keys(params).length ? { params } : {}),
      };
    }
    const first = err.issues[0];
    const where = first && first.path.length > 0 ? `${first.path.join('.')}: ` : '';
    return new AppError(
      'validation_failed',
      'invalid_input',
      `${what} is invalid: ${where}${first?.message ?? 'invalid value'}`,
      { params: { field: first?.path.join('.') || '(body)' }, fields },
    );
  }
}
