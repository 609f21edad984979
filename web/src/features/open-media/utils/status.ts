import {
  OPEN_MEDIA_ENDED_STATUSES,
  OPEN_MEDIA_STATUSES,
  type OpenMediaRequestView,
  type OpenMediaStatusName,
} from '@oig/shared';
import { labelTable } from '@/lib/labels';
import type { OpenMediaT } from '../i18n';

/** The status name of a status number (0–6; anything else is Unknown). */
export function statusName(status: number): OpenMediaStatusName {
  return OPEN_MEDIA_STATUSES[status] ?? 'unknown';
}

export function statusLabels(t: OpenMediaT): Record<OpenMediaStatusName, string> {
  return labelTable(OPEN_MEDIA_STATUSES, (k) => t(`statuses.${k}`));
}

/** Which requests the table shows: Live (queued, allocated, being handled), Ended, or All. */
export const STATUS_VIEWS = ['live', 'ended', 'all'] as const;
export type StatusView = (typeof STATUS_VIEWS)[number];

const LIVE: readonly number[] = [1, 2, 3];

export const isEnded = (status: number) => OPEN_MEDIA_ENDED_STATUSES.includes(status);

export function inView(view: StatusView, r: OpenMediaRequestView): boolean {
  if (view === 'live') return LIVE.includes(r.status);
  if (view === 'ended') return isEnded(r.status);
  return true;
}

/** Allocated to or handled by an agent: a cancel then needs cancelIfAllocated, statistics are kept. */
export const withAgent = (status: number) => status === 2 || status === 3;
export const isQueued = (status: number) => status === 1;
