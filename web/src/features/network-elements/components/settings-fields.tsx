import {
  TRANSPORT_PROTOCOLS,
  type MiccSettings,
  type MivbSettings,
  type TransportProtocol,
} from '@oig/shared';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '@/components/ui/form-field';
import type { FieldErrors, MivbField } from '../utils/element-form';
import { AreaCodesField } from './area-codes-field';

type TextMivbField = Exclude<MivbField, 'localAreaCodes'>;

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
  values: MivbSettings;
  onChange: <K extends MivbField>(field: K, value: MivbSettings[K]) => void;
  errors: FieldErrors;
  areaDraft: string;
  onAreaDraftChange: (draft: string) => void;
}

/** The MiVoice Business settings (Custom element or default values), in Mitel's order. */
export function MivbSettingsFields({
  values,
  onChange,
  errors,
  areaDraft,
  onAreaDraftChange,
}: MivbSettingsFieldsProps) {
  const { t } = useTranslation('networkElements');
  const text = (field: TextMivbField) => (
    <TextField
      label={t(`fields.${field}`)}
      name={field}
      value={values[field]}
      onChange={(e) => onChange(field, e.target.value)}
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
          codes={values.localAreaCodes}
          onChange={(codes) => onChange('localAreaCodes', codes)}
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
  values: MiccSettings;
  onChange: (value: TransportProtocol) => void;
  errors: FieldErrors;
}

export function MiccSettingsFields({ values, onChange, errors }: MiccSettingsFieldsProps) {
  const { t } = useTranslation('networkElements');
  return (
    <SelectField
      label={t('fields.transportProtocol')}
      name="transportProtocol"
      value={values.transportProtocol}
      onChange={(e) => onChange(e.target.value as TransportProtocol)}
      error={errors.transportProtocol}
      required
      options={TRANSPORT_PROTOCOLS.map((p) => ({ value: p, label: t(`protocols.${p}`) }))}
      data-testid="field-transportProtocol"
    />
  );
}
