/**
 * Every way an Open Media exchange can fail, as an AppError with a stable reason, its params
 * and an English message. A refusal by the MiCC is a 4xx saying why; a MiCC that cannot be
 * reached or read is a 502; nothing here is a 500.
 */
import type { ErrorCode, OpenMediaProblem, OpenMediaReason } from '@oig/shared';
import { AppError } from '../../http/app-error.js';

type Params = Record<string, string>;

const CODE: Record<OpenMediaReason, ErrorCode> = {
  micc_not_configured: 'conflict',
  micc_unreachable: 'upstream_failed',
  micc_timeout: 'upstream_failed',
  micc_bad_answer: 'upstream_failed',
  micc_invalid_user: 'conflict',
  micc_no_license: 'conflict',
  micc_router_disconnected: 'upstream_failed',
  micc_invalid_data: 'bad_request',
  micc_fault: 'upstream_failed',
  too_many_requests: 'conflict',
  request_not_found: 'not_found',
  request_terminated: 'conflict',
  group_closed: 'conflict',
  group_invalid: 'conflict',
  tenant_disabled: 'conflict',
  preferred_agent_logged_off: 'conflict',
  general_error: 'conflict',
  cancel_refused: 'conflict',
  modify_refused: 'conflict',
  options_refused: 'conflict',
};

const p = (params: Params, key: string) => params[key] ?? '?';

const MESSAGE: Record<OpenMediaReason, (params: Params) => string> = {
  micc_not_configured: () =>
    'No MiContact Center is configured: add a MiContact Center network element to use Open Media',
  micc_unreachable: (x) =>
    `The MiContact Center's Open Media Service at ${p(x, 'address')} cannot be reached (${p(x, 'detail')})`,
  micc_timeout: (x) =>
    `The MiContact Center's Open Media Service at ${p(x, 'address')} did not answer within ${p(x, 'timeoutMs')} ms`,
  micc_bad_answer: (x) =>
    `The MiContact Center at ${p(x, 'address')} sent an answer the product cannot use: ${p(x, 'detail')}`,
  micc_invalid_user: () =>
    'The MiContact Center refused the Open Media user: check the LogonID and password of the MiContact ' +
    'Center element',
  micc_no_license: () => 'The MiContact Center could not acquire an Open Media site license',
  micc_router_disconnected: () =>
    "The MiContact Center's Open Media Service is not connected to its router: try again once it is",
  micc_invalid_data: (x) => `The MiContact Center refused the data: ${p(x, 'detail')}`,
  micc_fault: (x) => `The MiContact Center failed: ${p(x, 'detail')}`,
  too_many_requests: (x) =>
    `The MiContact Center holds more than ${p(x, 'max')} Open Media requests: only the first ${p(x, 'max')} ` +
    'are listed',
  // The MiCC says "unknown" (a fault, or DivertRequest's "invalid session ID") also of a request
  // that has ended, not only of a wrong or expired ID.
  request_not_found: (x) =>
    `Open Media request ${p(x, 'openMediaId')} is unknown to the MiContact Center or has already ended`,
  request_terminated: (x) => `Open Media request ${p(x, 'openMediaId')} has already ended or been cancelled`,
  group_closed: (x) => `Service group ${p(x, 'serviceGroup')} is closed`,
  group_invalid: (x) => `The MiContact Center has no Open Media service group ${p(x, 'serviceGroup')}`,
  tenant_disabled: (x) => `The tenant of service group ${p(x, 'serviceGroup')} is disabled`,
  preferred_agent_logged_off: (x) => `The preferred agent ${p(x, 'preferredAgent')} is logged off`,
  general_error: (x) => `The MiContact Center could not ${p(x, 'action')} (general error)`,
  cancel_refused: (x) =>
    `The MiContact Center did not cancel Open Media request ${p(x, 'openMediaId')}: it is allocated to an ` +
    'agent. Cancel it with "cancel if allocated" to take it away from the agent',
  modify_refused: (x) =>
    `The MiContact Center did not modify Open Media request ${p(x, 'openMediaId')}: its data can change ` +
    'only while it is queued, before an agent is allocated',
  options_refused: () => 'The MiContact Center did not set the Open Media options',
};

/** The error of a reason; `params` are strings (the console fills its own message with them). */
export type OpenMediaError = AppError & { reason: OpenMediaReason };

export function openMediaError(reason: OpenMediaReason, params: Params = {}): OpenMediaError {
  return AppError.withReason(CODE[reason], reason, MESSAGE[reason](params), params) as OpenMediaError;
}

export function isOpenMediaError(err: unknown): err is OpenMediaError {
  return err instanceof AppError && typeof err.reason === 'string' && err.reason in CODE;
}

/**
 * The error as the request list's `problem`, `at` when the product first met it: while the same
 * reason persists (`previous`), its time stays (the console says "since"), and so does the object
 * itself when nothing in it changed. Another reason starts a new problem.
 */
export function problemOf(
  err: OpenMediaError,
  at: number,
  previous?: OpenMediaProblem | null,
): OpenMediaProblem {
  const params = err.params ?? {};
  if (previous && previous.reason === err.reason) {
    if (previous.message === err.message && sameParams(previous.params, params)) return previous;
    return { reason: err.reason, message: err.message, params, at: previous.at };
  }
  return { reason: err.reason, message: err.message, params, at: new Date(at).toISOString() };
}

function sameParams(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/** How a group is named in messages: by its ID, or by its name within a tenant. */
export function groupLabel(t: {
  serviceGroupId?: number;
  tenantId?: number;
  serviceGroupName?: string;
}): string {
  if (t.serviceGroupId !== undefined) return String(t.serviceGroupId);
  return `"${t.serviceGroupName ?? ''}" (tenant ${t.tenantId ?? '?'})`;
}

/**
 * The params naming a target group: `serviceGroup` for the English message, and the group as it
 * was given (`serviceGroupId`, or `tenantId` + `serviceGroupName`) for the console's own words.
 */
export function groupParams(t: {
  serviceGroupId?: number;
  tenantId?: number;
  serviceGroupName?: string;
}): Record<string, string> {
  if (t.serviceGroupId !== undefined)
    return { serviceGroup: groupLabel(t), serviceGroupId: String(t.serviceGroupId) };
  return {
    serviceGroup: groupLabel(t),
    serviceGroupName: t.serviceGroupName ?? '',
    tenantId: String(t.tenantId ?? ''),
  };
}
