import { OPEN_MEDIA_MAX_TRACKED_REQUESTS, OPEN_MEDIA_REASONS, type OpenMediaReason } from '@oig/shared';
import { isApiRequestError } from '@/lib/api-client';
import { errorMessage } from '@/lib/errors';
import type { OpenMediaT } from '../i18n';
import { groupLabel, type GroupsById } from './groups';

export const isReason = (value: unknown): value is OpenMediaReason =>
  (OPEN_MEDIA_REASONS as readonly unknown[]).includes(value);

/** What the console knows where the reason arose (the request and group of a dialog). */
export interface ReasonContext {
  openMediaId?: string | undefined;
  serviceGroupId?: number | undefined;
  groups?: GroupsById | undefined;
}

export interface ReasonSource {
  reason?: string | undefined;
  /** The server's English text: shown as it is for a reason this console does not know. */
  message: string;
  params?: Readonly<Record<string, string>> | undefined;
}

/**
 * A reason in the console's language: its string, filled with the server's params and with what
 * the console knows better (the group's name rather than its ID); an unknown reason (a server
 * newer than the console) falls back to the server's English message.
 */
export function reasonText(t: OpenMediaT, source: ReasonSource, context: ReasonContext = {}): string {
  if (!isReason(source.reason)) return source.message;
  const params = source.params ?? {};
  const groupId =
    context.serviceGroupId ?? (params.serviceGroupId ? Number(params.serviceGroupId) : undefined);
  const group =
    groupId !== undefined && Number.isInteger(groupId)
      ? groupLabel(groupId, context.groups ?? new Map(), t)
      : (params.serviceGroupName ?? params.serviceGroupId ?? '');
  const text = t(`reasons.${source.reason}`, {
    ...params,
    openMediaId: context.openMediaId ?? params.openMediaId ?? '',
    group,
    max: OPEN_MEDIA_MAX_TRACKED_REQUESTS,
  });
  // The MiCC's own words for a refusal or an unreadable answer (technical, as the MiCC said them).
  if (!WITH_DETAIL.has(source.reason) || !params.detail) return text;
  return text.endsWith('.') ? `${text.slice(0, -1)} (${params.detail}).` : `${text} (${params.detail})`;
}

/** Reasons whose `detail` param is the MiCC's (or the parser's) own explanation. */
const WITH_DETAIL: ReadonlySet<OpenMediaReason> = new Set([
  'micc_invalid_data',
  'micc_bad_answer',
  'micc_fault',
]);

/**
 * The text of a failed call: an Open Media reason in this tab's words, any other error as the
 * console says it everywhere (`errorMessage`: every API error has a reason of its own now).
 */
export function actionErrorText(t: OpenMediaT, error: unknown, context: ReasonContext = {}): string {
  if (isApiRequestError(error) && isReason(error.reason))
    return reasonText(t, { reason: error.reason, message: error.message, params: error.params }, context);
  return errorMessage(error);
}
