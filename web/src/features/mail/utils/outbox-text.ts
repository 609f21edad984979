import {
  LOCALIZATION_APP_NAMES,
  MAIL_DELIVERY_ERRORS,
  MAIL_KINDS,
  type MailKind,
  type OutboxMessage,
} from '@oig/shared';
import type { TFunction } from 'i18next';
import { isKnownCode, knownReason } from '@/lib/status-reason';

type T = TFunction<'mail'>;

/** A message's kind in words; a kind this console does not know, as its code. */
export function outboxKindText(t: T, kind: string): string {
  return isKnownCode(MAIL_KINDS, kind) ? t(`outbox.kinds.${kind}`) : kind;
}

const text = (v: string | number | undefined): string => (v === undefined ? '' : String(v));

/** `November 2026` in the console's language, from `2026-11`; the text itself when it is not a month. */
function monthName(month: string, language: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return month;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
  return new Intl.DateTimeFormat(language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** A language's name in the console's language (`ja` → `japonais`), else the name the server gave. */
function languageName(code: string, fallback: string, language: string): string {
  try {
    return new Intl.DisplayNames([language], { type: 'language' }).of(code) ?? fallback;
  } catch {
    return fallback || code;
  }
}

/**
 * A message's subject as the console shows it: said in the console's language from its kind and
 * `subjectParams`; the subject as it was sent for a message queued before those were stored, or of
 * a kind this console does not know. The message itself keeps the subject it was sent with.
 */
export function outboxSubjectText(
  t: T,
  m: Pick<OutboxMessage, 'kind' | 'subject' | 'subjectParams'>,
  language: string,
): string {
  const p = m.subjectParams;
  if (p === null || !isKnownCode(MAIL_KINDS, m.kind)) return m.subject;
  const kind: MailKind = m.kind;
  switch (kind) {
    case 'test':
      return t('outbox.subjects.test');
    case 'usage-report': {
      const month = monthName(text(p.month), language);
      const period =
        p.monthToDate === 'yes'
          ? t('outbox.subjects.usageReportToDate', { period: month, lastDay: text(p.lastDay) })
          : month;
      return t('outbox.subjects.usage-report', { name: text(p.name), period });
    }
    case 'mivoice-user-list':
      return t('outbox.subjects.mivoice-user-list', {
        application: LOCALIZATION_APP_NAMES.google,
        count: Number(p.users ?? 0),
      });
    case 'mivoice-localization': {
      const app = p.application === 'salesforce' ? 'salesforce' : 'google';
      return t('outbox.subjects.mivoice-localization', {
        application: LOCALIZATION_APP_NAMES[app],
        language: languageName(text(p.language), text(p.languageName), language),
      });
    }
  }
}

/** Why the last attempt failed, in the console's language; the server's English text for a code it does not know. */
export function outboxErrorText(
  t: T,
  m: Pick<OutboxMessage, 'lastError' | 'lastErrorReason'>,
): string | null {
  if (m.lastError === null) return null;
  const reason = knownReason(MAIL_DELIVERY_ERRORS, m.lastErrorReason);
  return reason ? t(`outbox.errors.${reason.code}`, reason.params) : m.lastError;
}
