import { TRANSPORT_PROTOCOLS } from '@oig/shared';
import type { Ref } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '@/components/ui/form-field';
import type { FieldErrors, MivbField } from '../utils/element-form';
import { AreaCodesField } from './area-codes-field';

/** The MiVB settings typed as text (all but the list of area codes). */
export type TextMivbField = Exclude<MivbField, 'localAreaCodes'>;

/** Fields with at least one digit required by the schema (the others may be empty). */
const REQUIRED: ReadonlySet<TextMivbField> = new Set(['localCountryCode', 'maxExtensionLength']);
const MAX_LENGTH: Record<TextMivbField, number> = {
  outsidePrefix: 5,
  localCountryCode: 3,
  longDistancePrefix: 5,
  internationalPrefix: 5,
  maxExtensionLength: 2,
  inboundTrunkServiceDigits: 10,
};

interface MivbSettingsFieldsProps {
  /** The registration of a text field in the dialog's form. */
  register: (field: TextMivbField) => UseFormRegisterReturn<TextMivbField>;
  /** The Local Area Codes (the form's list value). */
  areaCodes: {
    codes: readonly string[];
    onChange: (codes: string[]) => void;
    inputRef?: Ref<HTMLInputElement>;
  };
  errors: FieldErrors;
  areaDraft: string;
  onAreaDraftChange: (draft: string) => void;
}

/** The MiVoice Business settings (Custom element or default values), in Mitel's order. */
export function MivbSettingsFields({
  register,
  areaCodes,
  errors,
  areaDraft,
  onAreaDraftChange,
}: MivbSettingsFieldsProps) {
  const { t } = useTranslation('networkElements');
  const text = (field: TextMivbField) => (
    <TextField
      label={t(`fields.${field}`)}
      {...register(field)}
      error={errors[field]}
      required={REQUIRED.has(field)}
      // A little more than the schema allows, so that the schema's message can explain an overflow.
      maxLength={MAX_LENGTH[field] + 5}
      inputMode="numeric"
      autoComplete="off"
      data-testid={`field-${field}`}
    />
  );
  return (
    <div className="grid gap-4 sm:grid-cols-2" data-testid="mivb-settings">
      {text('outsidePrefix')}
      {text('localCountryCode')}
      {text('longDistancePrefix')}
      {text('internationalPrefix')}
      <div className="sm:col-span-2">
        <AreaCodesField
          codes={areaCodes.codes}
          onChange={areaCodes.onChange}
          inputRef={areaCodes.inputRef}
          draft={areaDraft}
          onDraftChange={onAreaDraftChange}
          error={errors.localAreaCodes}
        />
      </div>
      {text('maxExtensionLength')}
      {text('inboundTrunkServiceDigits')}
    </div>
  );
}

interface MiccSettingsFieldsProps {
  /** The registration of the select in the dialog's form. */
  register: UseFormRegisterReturn<'transportProtocol'>;
  errors: FieldErrors;
}

export function MiccSettingsFields({ register, errors }: MiccSettingsFieldsProps) {
  const { t } = useTranslation('networkElements');
  return (
    <SelectField
      label={t('fields.transportProtocol')}
      {...register}
      error={errors.transportProtocol}
      required
      options={TRANSPORT_PROTOCOLS.map((p) => ({ value: p, label: t(`protocols.${p}`) }))}
      data-testid="field-transportProtocol"
    />
  );
}
