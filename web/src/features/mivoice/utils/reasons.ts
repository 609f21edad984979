import {
  GOOGLE_SYNC_FAILURES,
  type GoogleDirectory,
  type ImportRowError,
  type LocalizationIssue,
} from '@oig/shared';
import { knownReason } from '@/lib/status-reason';
import type { useMivoiceTranslation } from '../i18n';

type T = ReturnType<typeof useMivoiceTranslation>['t'];

/**
 * A user-list row problem in the console's language, from its code and params (the server sends its
 * English text as `message`).
 */
export function rowProblemText(t: T, e: ImportRowError): string {
  const p = e.params;
  const column = e.column ?? '';
  const delimiter = p.delimiter === 'tab' ? t('import.reasons.tab') : p.delimiter;
  let key: ImportRowError['code'] | 'repeated_phone_owner' | 'field_count_range' = e.code;
  if (e.code === 'repeated_phone' && p.owner) key = 'repeated_phone_owner';
  if (e.code === 'field_count' && p.min) key = 'field_count_range';
  const count = e.code === 'field_count' ? Number(p.fields) : undefined;
  return t(`import.reasons.${key}`, { ...p, column, delimiter, ...(count === undefined ? {} : { count }) });
}

/** A localization issue's detail in the console's language (its kind and key have their own columns). */
export function localizationIssueText(t: T, issue: LocalizationIssue): string {
  const p = issue.params;
  const none = t('locImport.reasons.none');
  const extra =
    issue.kind === 'placeholder_mismatch' ? { expected: p.expected || none, found: p.found || none } : {};
  const count = issue.kind === 'bad_row' ? { count: Number(p.found) } : {};
  return t(`locImport.reasons.${issue.kind}`, { ...p, ...extra, ...count });
}

/**
 * The last Google sync's failure in the console's language, from its code and params; the server's
 * English text for a failure stored without one (before reasons were stored) or with a code this
 * console does not know. Null when the last sync did not fail.
 */
export function syncFailureText(
  t: T,
  d: Pick<GoogleDirectory, 'lastError' | 'lastErrorReason'>,
): string | null {
  if (d.lastError === null) return null;
  const reason = knownReason(GOOGLE_SYNC_FAILURES, d.lastErrorReason);
  if (!reason) return d.lastError;
  const p = reason.params;
  const where =
    p.phase === 'token'
      ? t('google.syncErrors.where.token')
      : t('google.syncErrors.where.users', { page: p.page ?? '' });
  // Google's own status and words, as it said them.
  const answer =
    p.google !== undefined
      ? ` (${p.status ?? ''}: ${p.google})`
      : p.status !== undefined
        ? ` (HTTP ${p.status})`
        : '';
  const key = reason.code === 'not_stored' && p.busy === 'yes' ? 'not_stored_busy' : reason.code;
  return t(`google.syncErrors.${key}`, { ...p, where, answer });
}
