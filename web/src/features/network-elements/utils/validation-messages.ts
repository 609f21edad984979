import { i18n } from '@/lib/i18n';
import type { FieldMessages, FormMessages, MessageOptions } from '@/lib/form/zod-messages';

/** A digits field of the shared schema: its label names it in each message. */
const DIGITS: FieldMessages = {
  required: 'networkElements:validation.required',
  format: 'networkElements:validation.digitsOnly',
  tooShort: 'networkElements:validation.minDigits',
  tooLong: 'networkElements:validation.maxDigits',
};

/** The texts of the network element forms (Add/Edit and Set Default Values), by field and code. */
const MESSAGES: FormMessages = {
  type: { '*': 'networkElements:validation.type' },
  setup: { '*': 'networkElements:validation.setup' },
  ipAddress: {
    required: 'networkElements:validation.ipRequired',
    '*': 'networkElements:validation.ipInvalid',
  },
  transportProtocol: { '*': 'networkElements:validation.transportProtocol' },
  openMediaLogonId: {
    format: 'networkElements:validation.controlCharacters',
    '*': 'networkElements:validation.tooLong',
  },
  openMediaPassword: {
    passwordAgain: 'networkElements:validation.passwordAgain',
    format: 'networkElements:validation.controlCharacters',
    '*': 'networkElements:validation.tooLong',
  },
  outsidePrefix: DIGITS,
  localCountryCode: DIGITS,
  longDistancePrefix: DIGITS,
  internationalPrefix: DIGITS,
  inboundTrunkServiceDigits: DIGITS,
  // Its refinement: 1 to 10.
  maxExtensionLength: { ...DIGITS, '*': 'networkElements:validation.maxExtensionRange' },
  // The list (at most 100, no code twice), then each code in it ({{value}}: the code).
  localAreaCodes: {
    tooLong: 'networkElements:validation.areaCodesMax',
    '*': 'networkElements:validation.areaCodesDuplicate',
  },
  'localAreaCodes.*': {
    required: 'networkElements:validation.areaCodeEmpty',
    format: 'networkElements:validation.areaCodeDigits',
    tooLong: 'networkElements:validation.areaCodeMax',
  },
};

/** The message options of both forms: the texts above, `{{field}}` being the field's label. */
export const ELEMENT_MESSAGE_OPTIONS: MessageOptions = {
  messages: MESSAGES,
  params: (field) => ({ field: i18n.t(`networkElements:fields.${field}` as 'networkElements:fields.type') }),
};
