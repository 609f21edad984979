import {
  FACTORY_MICC_DEFAULTS,
  FACTORY_MIVB_DEFAULTS,
  networkElementInputSchema,
  type MiccSettings,
  type MivbSettings,
  type NetworkElement,
  type NetworkElementSetup,
  type NetworkElementType,
} from '@oig/shared';
import { z } from 'zod';
import type { DefaultsByType } from '../api/get-network-element-defaults';

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
/** The MiCC's Open Media Service credentials (Default and Custom alike). */
export const CREDENTIAL_FIELDS = ['openMediaLogonId', 'openMediaPassword'] as const;
export type CredentialField = (typeof CREDENTIAL_FIELDS)[number];
export type ElementField = 'type' | 'setup' | 'ipAddress' | MivbField | 'transportProtocol' | CredentialField;
export type FieldErrors = Partial<Record<ElementField, string>>;

/** The settings of both types, side by side (their field names differ): what the settings fields edit. */
export type SettingsValues = MivbSettings & MiccSettings;

/**
 * What the Add/Edit dialog edits. The settings of both types are kept, so that switching the
 * type back and forth loses nothing; only those of the chosen type and setup are sent.
 */
export interface ElementFormValues extends SettingsValues {
  type: NetworkElementType;
  setup: NetworkElementSetup;
  ipAddress: string;
  /** The stored one when editing; emptied, it removes the credentials. */
  openMediaLogonId: string;
  /** Write-only: never prefilled; empty keeps the stored one. */
  openMediaPassword: string;
}

export interface KnownDefaults {
  mivb?: MivbSettings | undefined;
  micc?: MiccSettings | undefined;
}

/** Both types' settings: the known default values, else the factory ones. */
export function settingsValues(defaults: KnownDefaults = {}): SettingsValues {
  const mivb = defaults.mivb ?? FACTORY_MIVB_DEFAULTS;
  return { ...mivb, localAreaCodes: [...mivb.localAreaCodes], ...(defaults.micc ?? FACTORY_MICC_DEFAULTS) };
}

export function newElementValues(type: NetworkElementType, defaults: KnownDefaults = {}): ElementFormValues {
  return {
    type,
    setup: 'default',
    ipAddress: '',
    openMediaLogonId: '',
    openMediaPassword: '',
    ...settingsValues(defaults),
  };
}

/** An element as read back (a Default one carries its effective values) as form values. */
export function elementToValues(element: NetworkElement, defaults: KnownDefaults = {}): ElementFormValues {
  const values = newElementValues(element.type, defaults);
  values.setup = element.setup;
  values.ipAddress = element.ipAddress;
  if (element.type === 'mivb') {
    for (const field of MIVB_FIELDS) if (field !== 'localAreaCodes') values[field] = element[field];
    values.localAreaCodes = [...element.localAreaCodes];
  } else {
    values.transportProtocol = element.transportProtocol;
    values.openMediaLogonId = element.openMediaLogonId ?? '';
  }
  return values;
}

/** The settings fields of a type. */
export const SETTINGS_FIELDS: Record<NetworkElementType, readonly ElementField[]> = {
  mivb: MIVB_FIELDS,
  micc: ['transportProtocol'],
};

/** The fields the dialog shows for a type and setup. */
export function shownFields(type: NetworkElementType, setup: NetworkElementSetup): readonly ElementField[] {
  const base: ElementField[] = ['type', 'setup', 'ipAddress'];
  const shown = setup === 'default' ? base : [...base, ...SETTINGS_FIELDS[type]];
  return type === 'micc' ? [...shown, ...CREDENTIAL_FIELDS] : shown;
}

/** One type's settings out of both. */
export function settingsOf<K extends NetworkElementType>(type: K, values: SettingsValues): DefaultsByType[K] {
  const picked = Object.fromEntries(
    SETTINGS_FIELDS[type].map((field) => [field, values[field as keyof SettingsValues]]),
  );
  return picked as unknown as DefaultsByType[K];
}

/**
 * The credentials part of a MiCC's body: the server keeps what is absent, so the logon ID goes only
 * when it differs from the stored one (emptied: both are removed) and the password only when typed
 * (and with a logon ID to go with).
 */
function credentialsInput(values: ElementFormValues, storedLogonId: string | null): Record<string, string> {
  const logonId = values.openMediaLogonId.trim();
  const input: Record<string, string> = {};
  if (logonId !== (storedLogonId ?? '')) input.openMediaLogonId = values.openMediaLogonId;
  if (logonId !== '' && values.openMediaPassword !== '') input.openMediaPassword = values.openMediaPassword;
  return input;
}

/**
 * The request body: only the fields of the chosen type and setup (the schema is strict); for a
 * MiCC, only the credentials that change (`storedLogonId`: the logon ID of the MiCC being edited).
 */
export function toElementInput(
  values: ElementFormValues,
  storedLogonId: string | null = null,
): Record<string, unknown> {
  const base = { type: values.type, setup: values.setup, ipAddress: values.ipAddress };
  const input = values.setup === 'default' ? base : { ...base, ...settingsOf(values.type, values) };
  return values.type === 'micc' ? { ...input, ...credentialsInput(values, storedLogonId) } : input;
}

/**
 * The dialog's form for an element (null: a new one): its values checked, as the request they
 * make, by the very schema the server uses.
 */
export function elementFormSchemaFor(element: NetworkElement | null) {
  const storedLogonId = element?.type === 'micc' ? element.openMediaLogonId : null;
  return z
    .custom<ElementFormValues>()
    .transform((values) => toElementInput(values, storedLogonId))
    .pipe(networkElementInputSchema)
    .superRefine((input, ctx) => {
      // As the server says: a stored password goes only where it was given for.
      if (element?.type !== 'micc' || !element.openMediaPasswordSet || input.type !== 'micc') return;
      const keepsCredentials = input.openMediaPassword === undefined && input.openMediaLogonId !== '';
      const moved =
        input.ipAddress.trim() !== element.ipAddress ||
        (input.setup === 'custom' && input.transportProtocol !== element.transportProtocol);
      if (keepsCredentials && moved)
        ctx.addIssue({
          code: 'custom',
          path: ['openMediaPassword'],
          message: 'Type the Open Media password again',
          params: { code: 'passwordAgain' },
        });
    });
}

export const elementFormSchema = elementFormSchemaFor(null);

/** Splits "613, 819 905" into codes, without blanks. */
export function splitAreaCodes(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((c) => c.trim())
    .filter(Boolean);
}
