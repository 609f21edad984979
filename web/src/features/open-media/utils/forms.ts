import {
  addOpenMediaRequestSchema,
  divertOpenMediaRequestSchema,
  modifyOpenMediaRequestSchema,
  openMediaOptionsSchema,
  type IvrInformation,
} from '@oig/shared';
import { z } from 'zod';
import type { FormMessages } from '@/lib/form/zod-messages';

// The dialogs type numbers as text; each form's values become the request body, which the very
// schema the server uses then checks. An empty box is "not given"; text that is not a whole number
// becomes NaN, which the schema refuses as not a number (the message then names the field).

/** A whole number typed in a box; undefined when empty. */
export function toInteger(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

const optionalText = (text: string) => (text.trim() === '' ? undefined : text);

/**
 * A body without the values left out (undefined), as the schema's input: the schema checks the
 * types, so the values are passed as they are (NaN included) for it to refuse.
 */
function body<S extends z.ZodType>(_schema: S, values: Record<string, unknown>): z.input<S> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as z.input<S>;
}

export interface IvrRow {
  label: string;
  data: string;
}

/** Rows left empty say nothing: they are not sent (the schema still checks the rows as typed). */
export function withoutBlankRows(rows: readonly IvrInformation[]): IvrInformation[] {
  return rows.filter((r) => r.label !== '' || r.data !== '');
}

const IVR_MESSAGES: FormMessages = {
  ivrInfo: { tooLong: 'openMedia:validation.ivrTooMany', '*': 'openMedia:validation.ivrRequired' },
  'ivrInfo.*.label': { '*': 'openMedia:validation.labelTooLong' },
  'ivrInfo.*.data': { '*': 'openMedia:validation.dataTooLong' },
  privateData: { '*': 'openMedia:validation.privateDataTooLong' },
};

export interface AddFormValues {
  serviceGroupId: string;
  ivrInfo: IvrRow[];
  privateData: string;
  sessionPriority: string;
  preferredAgentId: string;
  preferredAgentLogonId: string;
  forceToPreferredAgent: boolean;
}

export const addFormSchema = z
  .custom<AddFormValues>()
  .transform((v) =>
    body(addOpenMediaRequestSchema, {
      serviceGroupId: toInteger(v.serviceGroupId),
      ivrInfo: v.ivrInfo,
      privateData: optionalText(v.privateData),
      sessionPriority: toInteger(v.sessionPriority),
      preferredAgentId: toInteger(v.preferredAgentId),
      preferredAgentLogonId: optionalText(v.preferredAgentLogonId)?.trim(),
      forceToPreferredAgent: v.forceToPreferredAgent || undefined,
    }),
  )
  .pipe(addOpenMediaRequestSchema);

export const ADD_MESSAGES: FormMessages = {
  ...IVR_MESSAGES,
  // Nothing chosen is the schema's "give a target" rule (a refinement: `invalid`).
  serviceGroupId: { invalid: 'openMedia:validation.groupRequired', '*': 'openMedia:validation.groupId' },
  sessionPriority: { '*': 'openMedia:validation.priority' },
  preferredAgentId: { '*': 'openMedia:validation.agentId' },
  preferredAgentLogonId: { '*': 'openMedia:validation.agentLogonTooLong' },
  forceToPreferredAgent: { '*': 'openMedia:validation.forceNeedsAgent' },
};

export interface ModifyFormValues {
  ivrInfo: IvrRow[];
  privateData: string;
}

export const modifyFormSchema = z
  .custom<ModifyFormValues>()
  .transform((v) =>
    body(modifyOpenMediaRequestSchema, { ivrInfo: v.ivrInfo, privateData: optionalText(v.privateData) }),
  )
  .pipe(modifyOpenMediaRequestSchema);

export const MODIFY_MESSAGES: FormMessages = IVR_MESSAGES;

export interface DivertFormValues {
  serviceGroupId: string;
}

export const divertFormSchema = z
  .custom<DivertFormValues>()
  .transform((v) => body(divertOpenMediaRequestSchema, { serviceGroupId: toInteger(v.serviceGroupId) }))
  .pipe(divertOpenMediaRequestSchema);

export const DIVERT_MESSAGES: FormMessages = {
  serviceGroupId: { '*': 'openMedia:validation.groupRequired' },
};

/** The SetOptions choices: '' leaves one unchanged (not sent). */
export interface OptionsFormValues {
  typeOfSession: string;
  agentActionOptions: '' | '1' | '2' | '3' | '4';
  closeTabOptions: '' | '1' | '2' | '3' | '4';
  maxNumberOfSessions: string;
  allowDifferentTypes: '' | '1' | '2';
  sessionLinkOptions: '' | '1' | '2';
  resetAllOptions: boolean;
}

export const EMPTY_OPTIONS: OptionsFormValues = {
  typeOfSession: '',
  agentActionOptions: '',
  closeTabOptions: '',
  maxNumberOfSessions: '',
  allowDifferentTypes: '',
  sessionLinkOptions: '',
  resetAllOptions: false,
};

const choice = (value: string) => (value === '' ? undefined : Number(value));

export const optionsFormSchema = z
  .custom<OptionsFormValues>()
  .transform((v) =>
    body(openMediaOptionsSchema, {
      typeOfSession: toInteger(v.typeOfSession),
      agentActionOptions: choice(v.agentActionOptions),
      closeTabOptions: choice(v.closeTabOptions),
      maxNumberOfSessions: toInteger(v.maxNumberOfSessions),
      allowDifferentTypes: choice(v.allowDifferentTypes),
      sessionLinkOptions: choice(v.sessionLinkOptions),
      resetAllOptions: v.resetAllOptions || undefined,
    }),
  )
  .pipe(openMediaOptionsSchema);

export const OPTIONS_MESSAGES: FormMessages = {
  // The refinement "this choice needs a type" (`invalid`), else a number out of range.
  typeOfSession: { invalid: 'openMedia:validation.typeNeeded', '*': 'openMedia:validation.typeOfSession' },
  agentActionOptions: { '*': 'openMedia:validation.nothingChosen' },
  maxNumberOfSessions: { '*': 'openMedia:validation.maxSessions' },
};
