import {
  END_REASONS,
  LICENSE_TYPES,
  SERVICE_TYPES,
  SESSION_PROTOCOLS,
  type EndReason,
  type LicenseType,
  type LiveSession,
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
