import {
  NE_SETUPS,
  NE_STATUSES,
  NE_TYPES,
  PROBE_REASONS,
  type ProbeReason,
  type NetworkElement,
  type NetworkElementSetup,
  type NetworkElementStatus,
  type NetworkElementType,
} from '@oig/shared';
import type { TFunction } from 'i18next';
import type { Resources } from '@/lib/i18n';
import { labelTable } from '@/lib/labels';
import { knownReason } from '@/lib/status-reason';

/** Translated labels, looked up once per language. */
export interface ElementLabels {
  types: Record<NetworkElementType, string>;
  setups: Record<NetworkElementSetup, string>;
  statuses: Record<NetworkElementStatus, string>;
  /** Why the last probe failed, as the table shows it. */
  statusText: (e: Pick<NetworkElement, 'statusDetail' | 'statusReason'>) => string | null;
}

export function createElementLabels(t: TFunction<'networkElements'>): ElementLabels {
  return {
    types: labelTable(NE_TYPES, (k) => t(`types.${k}`)),
    setups: labelTable(NE_SETUPS, (k) => t(`setups.${k}`)),
    statuses: labelTable(NE_STATUSES, (k) => t(`statuses.${k}`)),
    statusText: (e) => elementStatusText(e, t),
  };
}

/** The text the filter box matches: every text column of an element. */
export function elementSearchText(e: NetworkElement, labels: ElementLabels): string {
  return [
    labels.types[e.type],
    e.ipAddress,
    e.version ?? '',
    labels.setups[e.setup],
    labels.statuses[e.status],
    labels.statusText(e) ?? '',
  ].join('\n');
}

export interface ElementCounts {
  mivb: number;
  micc: number;
}

export function countElements(elements: readonly NetworkElement[]): ElementCounts {
  let mivb = 0;
  let micc = 0;
  for (const e of elements) {
    if (e.type === 'mivb') mivb++;
    else micc++;
  }
  return { mivb, micc };
}

type DetailKey = `details.${keyof Resources['networkElements']['details']}`;

/** Each probe reason's words in this namespace. */
export const PROBE_REASON_KEYS: Record<ProbeReason, DetailKey> = {
  connection_refused: 'details.refused',
  connection_reset: 'details.reset',
  host_unreachable: 'details.hostUnreachable',
  network_unreachable: 'details.networkUnreachable',
  address_not_available: 'details.addressNotAvailable',
  connect_timeout: 'details.connectTimeout',
  connection_closed: 'details.closed',
  tls_error: 'details.tls',
  timeout: 'details.timedOut',
  http_status: 'details.http',
  not_wsdl: 'details.notWsdl',
  other: 'details.other',
};

/**
 * Why the last probe failed, in the console's language: from its code and params; a result stored
 * without one (before reasons were stored) or with a code this console does not know, from the
 * server's English text.
 */
export function elementStatusText(
  e: Pick<NetworkElement, 'statusDetail' | 'statusReason'>,
  t: TFunction<'networkElements'>,
): string | null {
  if (!e.statusDetail) return null;
  const reason = knownReason(PROBE_REASONS, e.statusReason);
  if (reason) return t(PROBE_REASON_KEYS[reason.code], reason.params);
  return statusDetailText(e.statusDetail, t);
}

/** The probe's reasons the server words in English, and their keys in this namespace (rows without a reason). */
const DETAIL_KEYS: Record<string, string> = {
  'connection refused': 'details.refused',
  'connection reset': 'details.reset',
  'host unreachable': 'details.hostUnreachable',
  'network unreachable': 'details.networkUnreachable',
  'address not available': 'details.addressNotAvailable',
  'connection timed out': 'details.connectTimeout',
  'connection closed without an answer': 'details.closed',
  'not a WSDL': 'details.notWsdl',
};

/**
 * The reason a probe failed, in the console's language when it is one the probe gives
 * ("timed out after 3000 ms", "HTTP 404", …); anything else is shown as the server wrote it.
 */
export function statusDetailText(detail: string, t: TFunction<'networkElements'>): string {
  const key = DETAIL_KEYS[detail];
  if (key) return t(key as 'details.refused');
  const timeout = /^timed out after (\d+) ms$/.exec(detail);
  if (timeout) return t('details.timedOut', { ms: Number(timeout[1]) });
  const http = /^HTTP (\d{3})$/.exec(detail);
  if (http) return t('details.http', { status: http[1] });
  return detail;
}
