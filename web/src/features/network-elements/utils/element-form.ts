import {
  FACTORY_MICC_DEFAULTS,
  FACTORY_MIVB_DEFAULTS,
  networkElementInputSchema,
  type MiccSettings,
  type MivbSettings,
  type NetworkElement,
  type NetworkElementInput,
  type NetworkElementSetup,
  type NetworkElementType,
} from '@oig/shared';
import type { z } from 'zod';

/** The fields of a Custom MiVoice Business element (and of its default values), in Mitel's order. */
export const MIVB_FIELDS = [
  'outsidePrefix',
  'localCountryCode',
  'longDistancePrefix',
  'internationalPrefix',
  'localAreaCodes',
  'maxExtensionLength',
  'inboundTrunkServiceDigits',
] as const satisfies readonly (keyof MivbSettings)[];

export type MivbField = (typeof MIVB_FIELDS)[number];
export type ElementField = 'type' | 'setup' | 'ipAddress' | MivbField | 'transportProtocol';
export type FieldErrors = Partial<Record<ElementField, string>>;

/**
 * What the Add/Edit dialog edits. The settings of both types are kept, so that switching the
 * type back and forth loses nothing; only those of the chosen type and setup are sent.
 */
export interface ElementFormValues {
  type: NetworkElementType;
  setup: NetworkElementSetup;
  ipAddress: string;
  mivb: MivbSettings;
  micc: MiccSettings;
}

export interface KnownDefaults {
  mivb?: MivbSettings | undefined;
  micc?: MiccSettings | undefined;
}

const copyMivb = (s: MivbSettings): MivbSettings => ({ ...s, localAreaCodes: [...s.localAreaCodes] });

export function newElementValues(type: NetworkElementType, defaults: KnownDefaults = {}): ElementFormValues {
  return {
    type,
    setup: 'default',
    ipAddress: '',
    mivb: copyMivb(defaults.mivb ?? FACTORY_MIVB_DEFAULTS),
    micc: { ...(defaults.micc ?? FACTORY_MICC_DEFAULTS) },
  };
}

/** An element as read back (a Default one carries its effective values) as form values. */
export function elementToValues(element: NetworkElement, defaults: KnownDefaults = {}): ElementFormValues {
  const values = newElementValues(element.type, defaults);
  values.setup = element.setup;
  values.ipAddress = element.ipAddress;
  if (element.type === 'mivb') {
    values.mivb = {
      outsidePrefix: element.outsidePrefix,
      localCountryCode: element.localCountryCode,
      longDistancePrefix: element.longDistancePrefix,
      internationalPrefix: element.internationalPrefix,
      localAreaCodes: [...element.localAreaCodes],
      maxExtensionLength: element.maxExtensionLength,
      inboundTrunkServiceDigits: element.inboundTrunkServiceDigits,
    };
  } else {
    values.micc = { transportProtocol: element.transportProtocol };
  }
  return values;
}

/** The fields the dialog shows for a type and setup. */
export function shownFields(type: NetworkElementType, setup: NetworkElementSetup): readonly ElementField[] {
  const base: ElementField[] = ['type', 'setup', 'ipAddress'];
  if (setup === 'default') return base;
  return type === 'mivb' ? [...base, ...MIVB_FIELDS] : [...base, 'transportProtocol'];
}

/** The request body: only the fields of the chosen type and setup (the schema is strict). */
export function toElementInput(values: ElementFormValues): Record<string, unknown> {
  const base = { type: values.type, setup: values.setup, ipAddress: values.ipAddress };
  if (values.setup === 'default') return base;
  return values.type === 'mivb' ? { ...base, ...values.mivb } : { ...base, ...values.micc };
}

export type ElementValidation =
  | { success: true; data: NetworkElementInput }
  | { success: false; issues: readonly z.core.$ZodIssue[]; input: Record<string, unknown> };

/** Validates with the very schema the server uses; the parsed (trimmed) data is what is sent. */
export function validateElement(values: ElementFormValues): ElementValidation {
  const input = toElementInput(values);
  const result = networkElementInputSchema.safeParse(input);
  return result.success
    ? { success: true, data: result.data }
    : { success: false, issues: result.error.issues, input };
}

/** Splits "613, 819 905" into codes, without blanks. */
export function splitAreaCodes(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((c) => c.trim())
    .filter(Boolean);
}
