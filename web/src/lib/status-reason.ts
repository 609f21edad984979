import type { ReasonParams, StatusReason } from '@oig/shared';

/** Whether `code` is one this console has words for (a newer server may send others). */
export function isKnownCode<C extends string>(codes: readonly C[], code: string | undefined): code is C {
  return code !== undefined && (codes as readonly string[]).includes(code);
}

/** A stored reason whose code this console knows, narrowed to that list; null otherwise. */
export function knownReason<C extends string>(
  codes: readonly C[],
  reason: StatusReason | null | undefined,
): StatusReason<C> | null {
  return reason && isKnownCode(codes, reason.code) ? (reason as StatusReason<C>) : null;
}

/**
 * Params as the console's strings take them: digits-only texts (an HTTP error's params are all
 * strings) become numbers, so `{{ms, number}}` is formatted in the console's language.
 */
export function reasonParams(params: Readonly<Record<string, string | number>> | undefined): ReasonParams {
  const out: ReasonParams = {};
  for (const [k, v] of Object.entries(params ?? {}))
    out[k] = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
  return out;
}
