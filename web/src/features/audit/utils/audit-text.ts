import type { AuditAction } from '@oig/shared';
import type { TFunction } from 'i18next';

type Changes = Readonly<Record<string, unknown>> | null;

/** One before/after value as compact text; masked secrets ("••••••") come through as the server sent them. */
export function formatAuditValue(value: unknown): string {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'string') return value === '' ? '""' : value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  // Anything else (objects, arrays) as JSON; what JSON cannot say (a cycle, a symbol) by its tag.
  try {
    return JSON.stringify(value) ?? Object.prototype.toString.call(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

const same = (a: unknown, b: unknown) => a === b || formatAuditValue(a) === formatAuditValue(b);

/**
 * Changes of an audit entry, one line per key: `key: old → new` when both sides are recorded
 * (unchanged keys left out), `key: value` when only one side is (something added or deleted).
 */
export function describeChanges(before: Changes, after: Changes): string[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const lines: string[] = [];
  for (const key of keys) {
    if (before && after) {
      const [old, next] = [before[key], after[key]];
      if (!same(old, next)) lines.push(`${key}: ${formatAuditValue(old)} → ${formatAuditValue(next)}`);
    } else {
      lines.push(`${key}: ${formatAuditValue((before ?? after)?.[key])}`);
    }
  }
  return lines;
}

/** Human label of every audit action (the Record type makes a new action a compile error until labelled). */
export function auditActionLabels(t: TFunction<'options'>): Record<AuditAction, string> {
  return {
    'auth.login': t('audit.actions.authLogin'),
    'auth.login.failed': t('audit.actions.authLoginFailed'),
    'auth.logout': t('audit.actions.authLogout'),
    'auth.password.change': t('audit.actions.authPasswordChange'),
    'user.create': t('audit.actions.userCreate'),
    'user.update': t('audit.actions.userUpdate'),
    'user.password.reset': t('audit.actions.userPasswordReset'),
    'user.unlock': t('audit.actions.userUnlock'),
    'account.create': t('audit.actions.accountCreate'),
    'account.password.change': t('audit.actions.accountPasswordChange'),
    'account.delete': t('audit.actions.accountDelete'),
    'account.update': t('audit.actions.accountUpdate'),
    'acl.refresh': t('audit.actions.aclRefresh'),
    'session.terminate': t('audit.actions.sessionTerminate'),
    'network-element.create': t('audit.actions.networkElementCreate'),
    'network-element.update': t('audit.actions.networkElementUpdate'),
    'network-element.delete': t('audit.actions.networkElementDelete'),
    'network-element.defaults.update': t('audit.actions.networkElementDefaultsUpdate'),
    'network-element.probe': t('audit.actions.networkElementProbe'),
    'options.update': t('audit.actions.optionsUpdate'),
    'mail.settings.update': t('audit.actions.mailSettingsUpdate'),
    'mail.test': t('audit.actions.mailTest'),
    'mail.retry': t('audit.actions.mailRetry'),
    'mail.discard': t('audit.actions.mailDiscard'),
    'usage-report.send': t('audit.actions.usageReportSend'),
    'mivoice.settings.update': t('audit.actions.mivoiceSettingsUpdate'),
    'mivoice.google.update': t('audit.actions.mivoiceGoogleUpdate'),
    'mivoice.google.sync': t('audit.actions.mivoiceGoogleSync'),
    'mivoice.users.import': t('audit.actions.mivoiceUsersImport'),
    'mivoice.users.email': t('audit.actions.mivoiceUsersEmail'),
    'mivoice.localization.import': t('audit.actions.mivoiceLocalizationImport'),
    'mivoice.localization.delete': t('audit.actions.mivoiceLocalizationDelete'),
    'mivoice.localization.email': t('audit.actions.mivoiceLocalizationEmail'),
    'open-media.request.add': t('audit.actions.openMediaRequestAdd'),
    'open-media.request.cancel': t('audit.actions.openMediaRequestCancel'),
    'open-media.request.divert': t('audit.actions.openMediaRequestDivert'),
    'open-media.request.modify': t('audit.actions.openMediaRequestModify'),
    'open-media.options.set': t('audit.actions.openMediaOptionsSet'),
    'backup.create': t('audit.actions.backupCreate'),
    'backup.restore': t('audit.actions.backupRestore'),
  };
}
