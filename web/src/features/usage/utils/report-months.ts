/**
 * The past months a report can be sent for, newest first: from `latest` back to `oldest`
 * (`YYYY-MM`, as the server answers them in its report time zone, so the browser's own zone never
 * shifts a month). At most `MAX_PAST_MONTHS` (the longest history the server keeps is 3,650 days);
 * nothing when either is not a month or `oldest` is after `latest`.
 */
export const MAX_PAST_MONTHS = 121;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function pastMonthsNewestFirst(oldest: string, latest: string): string[] {
  const from = MONTH.exec(oldest);
  const to = MONTH.exec(latest);
  if (!from || !to) return [];
  const index = (m: RegExpExecArray) => Number(m[1]) * 12 + Number(m[2]) - 1;
  const out: string[] = [];
  for (let i = index(to); i >= index(from) && out.length < MAX_PAST_MONTHS; i--) {
    out.push(`${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
  }
  return out;
}
