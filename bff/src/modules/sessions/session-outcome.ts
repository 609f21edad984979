import { SESSION_ERRORS, type SessionErrorKey } from '@oig/shared';

/** What an application operation answers; SOAP and REST turn it into their own wire form. */
export type Failure = { ok: false; error: SessionErrorKey; detail?: string };
export type Outcome = { ok: true } | Failure;

export const fail = (error: SessionErrorKey, detail?: string): Failure => ({
  ok: false,
  error,
  ...(detail ? { detail } : {}),
});

/** The stable error text an application receives (SOAP errorDesc, REST error). */
export function failureText(f: Failure): string {
  return f.detail && DETAILED.has(f.error)
    ? `${SESSION_ERRORS[f.error]}: ${f.detail}`
    : SESSION_ERRORS[f.error];
}
/** Errors whose text carries a detail after the stable phrase (which field, which version). */
const DETAILED = new Set<SessionErrorKey>(['missingParameter', 'unsupportedVersion']);
