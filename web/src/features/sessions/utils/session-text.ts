import {
  END_REASONS,
  LICENSE_TYPES,
  LIVE_SESSIONS_MAX_TERMS,
  LIVE_SESSIONS_TERM_MAX,
  SERVICE_TYPES,
  SESSION_PROTOCOLS,
  type EndReason,
  type LicenseType,
  type LiveSession,
  type LiveSessionFilter,
  type LiveSessionFilterCode,
  type ServiceType,
  type SessionProtocol,
} from '@oig/shared';
import type { TFunction } from 'i18next';
import { labelTable } from '@/lib/labels';

/** Translated labels, looked up once per language (t() is too slow to call per row for 25,000 rows). */
export interface SessionLabels {
  types: Record<ServiceType, string>;
  protocols: Record<SessionProtocol, string>;
  licenses: Record<LicenseType, string>;
  endReasons: Record<EndReason, string>;
}

export function createSessionLabels(t: TFunction<'sessions'>): SessionLabels {
  return {
    types: labelTable(SERVICE_TYPES, (k) => t(`types.${k}`)),
    protocols: labelTable(SESSION_PROTOCOLS, (k) => t(`protocols.${k}`)),
    licenses: labelTable(LICENSE_TYPES, (k) => t(`licenses.${k}`)),
    endReasons: labelTable(END_REASONS, (k) => t(`endReasons.${k}`)),
  };
}

/** The console never shows more of a session id than its last four digits. */
export function displaySessionId(last4: string): string {
  return `…${last4.slice(-4)}`;
}

export function licenseNames(licenses: readonly LicenseType[], labels: SessionLabels): string {
  return licenses.map((l) => labels.licenses[l] ?? l).join(', ');
}

/** The text the filter box matches: every text column of a session. */
export function sessionSearchText(s: LiveSession, labels: SessionLabels): string {
  return [
    s.applicationName,
    s.companyName,
    labels.types[s.type],
    labels.protocols[s.protocol],
    s.clientAddress,
    licenseNames(s.licenses, labels),
    displaySessionId(s.sessionIdLast4),
  ].join('\n');
}

/**
 * The server's filter for what was typed in the filter box, with the console's filter rules: the
 * text split on blanks into lower-case terms, every one required; a term matches a session's
 * application, company, client address or "…" + last four digits (the server looks), or its
 * type, protocol or a license whose label here contains the term (sent as codes, since the server
 * does not know the console's languages). Null when the text is over the server's limits.
 */
export function liveSessionFilter(text: string, labels: SessionLabels): LiveSessionFilter | null {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length > LIVE_SESSIONS_MAX_TERMS || words.some((w) => w.length > LIVE_SESSIONS_TERM_MAX))
    return null;
  const tables: Array<Record<string, string>> = [labels.types, labels.protocols, labels.licenses];
  const lowered = tables.flatMap((table) =>
    Object.entries(table).map(
      ([code, label]) => [code as LiveSessionFilterCode, label.toLowerCase()] as const,
    ),
  );
  return {
    terms: words.map((text) => ({
      text,
      codes: lowered.filter(([, label]) => label.includes(text)).map(([code]) => code),
    })),
  };
}
