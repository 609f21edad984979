import type { ImportRowError, LocalizationIssue } from '@oig/shared';
import type { useMivoiceTranslation } from '../i18n';

type T = ReturnType<typeof useMivoiceTranslation>['t'];

/**
 * A user-list row problem in the console's language, from its code and params; the server's
 * English message when this console does not know the code.
 */
export function rowProblemText(t: T, e: ImportRowError): string {
  const p = e.params;
  const column = e.column ?? '';
  const delimiter = p.delimiter === 'tab' ? t('import.reasons.tab') : p.delimiter;
  const key = e.code === 'repeated_phone' && p.owner ? 'repeated_phone_owner' : e.code;
  const count = e.code === 'field_count' ? Number(p.fields) : undefined;
  return t(`import.reasons.${key}`, { ...p, column, delimiter, ...(count === undefined ? {} : { count }), defaultValue: e.message });
}

/** A localization issue's detail in the console's language (its kind and key have their own columns). */
export function localizationIssueText(t: T, issue: LocalizationIssue): string {
  const p = issue.params;
  const none = t('locImport.reasons.none');
  const extra = issue.kind === 'placeholder_mismatch' ? { expected: p.expected || none, found: p.found || none } : {};
  return t(`locImport.reasons.${issue.kind}`, { ...p, ...extra, defaultValue: issue.message });
}
