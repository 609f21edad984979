import type { ImportRowError, LocalizationIssue } from '@oig/shared';
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
