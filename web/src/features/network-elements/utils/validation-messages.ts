import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { errorMessage, fieldErrors } from '@/lib/errors';
import { MIVB_FIELDS, type ElementField, type FieldErrors } from './element-form';

type T = TFunction<'networkElements'>;

const FIELD_NAMES: readonly ElementField[] = [
  'type',
  'setup',
  'ipAddress',
  ...MIVB_FIELDS,
  'transportProtocol',
];

function isField(name: unknown): name is ElementField {
  return typeof name === 'string' && (FIELD_NAMES as readonly string[]).includes(name);
}

/** The message of one schema issue in the console language, naming the field (falls back to the schema's English text). */
function issueMessage(
  field: ElementField,
  issue: z.core.$ZodIssue,
  input: Record<string, unknown>,
  t: T,
): string {
  const label = t(`fields.${field}`);
  switch (field) {
    case 'type':
      return t('validation.type');
    case 'setup':
      return t('validation.setup');
    case 'ipAddress':
      return issue.code === 'too_small' ? t('validation.ipRequired') : t('validation.ipInvalid');
    case 'transportProtocol':
      return t('validation.transportProtocol');
    case 'localAreaCodes': {
      const index = issue.path[1];
      if (typeof index === 'number') {
        const codes = Array.isArray(input.localAreaCodes) ? (input.localAreaCodes as unknown[]) : [];
        const code = String(codes[index] ?? '');
        if (issue.code === 'invalid_format') return t('validation.areaCodeDigits', { code });
        if (issue.code === 'too_big')
          return t('validation.areaCodeMax', { code, max: Number(issue.maximum) });
        if (issue.code === 'too_small') return t('validation.areaCodeEmpty');
        return issue.message;
      }
      if (issue.code === 'too_big') return t('validation.areaCodesMax', { max: Number(issue.maximum) });
      if (issue.code === 'custom') return t('validation.areaCodesDuplicate');
      return issue.message;
    }
    default:
      if (issue.code === 'invalid_format') return t('validation.digitsOnly', { field: label });
      if (issue.code === 'too_small') {
        return Number(issue.minimum) <= 1
          ? t('validation.required', { field: label })
          : t('validation.minDigits', { field: label, min: Number(issue.minimum) });
      }
      if (issue.code === 'too_big')
        return t('validation.maxDigits', { field: label, max: Number(issue.maximum) });
      if (issue.code === 'custom' && field === 'maxExtensionLength') return t('validation.maxExtensionRange');
      return issue.message;
  }
}

/** One message per field (the first issue of each), keyed by the top-level field name. */
export function issuesToFieldErrors(
  issues: readonly z.core.$ZodIssue[],
  input: Record<string, unknown>,
  t: T,
): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = issue.path[0];
    if (!isField(field) || errors[field]) continue;
    errors[field] = issueMessage(field, issue, input, t);
  }
  return errors;
}

export interface ServerErrorDisplay {
  /** The server's `fields` texts for fields the dialog shows. */
  fields: FieldErrors;
  /** The server's message when no shown field carries it (shown in an ErrorAlert). */
  alert: string | null;
}

/** Places a failed save: on the fields the server names (when shown), else as an alert. */
export function serverErrorDisplay(error: unknown, shown: readonly ElementField[]): ServerErrorDisplay {
  const fields: FieldErrors = {};
  let unplaced = false;
  for (const [path, text] of Object.entries(fieldErrors(error))) {
    const name = path.split('.')[0];
    if (isField(name) && shown.includes(name)) {
      if (!fields[name]) fields[name] = text;
    } else {
      unplaced = true;
    }
  }
  const placed = Object.keys(fields).length > 0;
  return { fields, alert: !placed || unplaced ? errorMessage(error) : null };
}
