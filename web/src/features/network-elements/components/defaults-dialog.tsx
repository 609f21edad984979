import type { NetworkElementType } from '@oig/shared';
import { useEffect, useState } from 'react';
import { Controller, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { FormErrorAlert } from '@/components/form/form-alert';
import { FormDialog } from '@/components/ui/dialog';
import { QueryErrorAlert } from '@/components/ui/error-alert';
import { LoadingState } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { fieldMessage } from '@/lib/form/field-message';
import { applyServerErrors } from '@/lib/form/server-errors';
import { useZodForm } from '@/lib/form/use-zod-form';
import {
  defaultsSchema,
  useNetworkElementDefaults,
  type DefaultsByType,
} from '../api/get-network-element-defaults';
import {
  useUpdateNetworkElementDefaults,
  type UpdateDefaultsVariables,
} from '../api/update-network-element-defaults';
import {
  MIVB_FIELDS,
  SETTINGS_FIELDS,
  settingsOf,
  settingsValues,
  type ElementField,
  type FieldErrors,
  type SettingsValues,
} from '../utils/element-form';
import { ELEMENT_MESSAGE_OPTIONS } from '../utils/validation-messages';
import { addAreaCodes } from './area-codes-field';
import { MiccSettingsFields, MivbSettingsFields, type TextMivbField } from './settings-fields';
import { TypeSelect } from './type-setup-fields';

type Defaults = DefaultsByType[NetworkElementType];

/** One type's default values out of the form's (both types'), checked by the shared schema of that type. */
const defaultsFormSchema = (type: NetworkElementType) =>
  z
    .custom<SettingsValues>()
    .transform((values): Defaults => settingsOf(type, values))
    .pipe(defaultsSchema(type) as z.ZodType<Defaults, Defaults>);

/** Set Default Values: the values Default elements follow, one type at a time. Mount it only while open. */
export function DefaultsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation(['networkElements', 'common']);
  const toast = useToast();
  const [type, setType] = useState<NetworkElementType>('mivb');
  const mivb = useNetworkElementDefaults('mivb');
  const micc = useNetworkElementDefaults('micc', { enabled: type === 'micc' });
  const save = useUpdateNetworkElementDefaults();
  // Edits per type, kept when switching between the two; until edited, the server's values show.
  const form = useZodForm(defaultsFormSchema(type), {
    defaultValues: settingsValues(),
    ...ELEMENT_MESSAGE_OPTIONS,
  });
  const { errors: formErrors } = form.formState;
  const localAreaCodes = useWatch({ control: form.control, name: 'localAreaCodes' });
  const [edited, setEdited] = useState({ mivb: false, micc: false });
  const [areaDraft, setAreaDraft] = useState('');

  const { setValue } = form;
  useEffect(() => {
    const data = mivb.data;
    if (!data || edited.mivb) return;
    for (const field of MIVB_FIELDS) if (field !== 'localAreaCodes') setValue(field, data[field]);
    setValue('localAreaCodes', [...data.localAreaCodes]);
  }, [mivb.data, edited.mivb, setValue]);
  useEffect(() => {
    const data = micc.data;
    if (data && !edited.micc) setValue('transportProtocol', data.transportProtocol);
  }, [micc.data, edited.micc, setValue]);

  const query = type === 'mivb' ? mivb : micc;
  const loaded = !!query.data;
  const busy = save.isPending;
  const typeLabel = t(`types.${type}`);
  const shown = SETTINGS_FIELDS[type];
  const errors: FieldErrors = Object.fromEntries(
    shown
      .map((field): [string, string | undefined] => [
        field,
        fieldMessage(formErrors[field as keyof SettingsValues]),
      ])
      .filter(([, m]) => m),
  );

  const changeType = (next: NetworkElementType) => {
    setType(next);
    form.clearErrors();
  };
  // A field's message goes as soon as it is changed; a value changed is no longer the server's.
  const onEdit = (field: ElementField & keyof SettingsValues) => () => {
    form.clearErrors(field);
    setEdited((e) => ({ ...e, [type]: true }));
  };

  const submitValid = form.handleSubmit(async (settings) => {
    try {
      await save.mutateAsync({ type, settings } as UpdateDefaultsVariables);
      toast.success(t('toasts.defaultsSaved', { type: typeLabel }));
      onClose();
    } catch (error) {
      applyServerErrors(form, error, { fields: shown as (keyof SettingsValues)[] });
    }
  });

  const submit = () => {
    if (!loaded) return;
    // Codes typed but not added yet count as added.
    if (type === 'mivb' && areaDraft.trim()) {
      setValue('localAreaCodes', addAreaCodes(localAreaCodes, areaDraft));
      setAreaDraft('');
    }
    void submitValid();
  };

  return (
    <FormDialog
      title={t('defaults.title')}
      description={t('defaults.explanation')}
      onClose={onClose}
      busy={busy}
      onSubmit={submit}
      size="lg"
      submitLabel={busy ? t('actions.saving') : t('actions.save')}
      submitDisabled={!loaded}
      testIdPrefix="defaults"
      submitTestId="save"
    >
      <div className="space-y-4">
        <FormErrorAlert errors={formErrors} />
        <TypeSelect
          value={type}
          onChange={changeType}
          blocked={{}}
          label={t('defaults.typeLabel')}
          testId="defaults-type"
        />
        {query.isError && !loaded ? (
          <QueryErrorAlert query={query} />
        ) : !loaded ? (
          <LoadingState label={t('common:loading')} />
        ) : type === 'mivb' ? (
          <Controller
            control={form.control}
            name="localAreaCodes"
            render={({ field }) => (
              <MivbSettingsFields
                register={(name: TextMivbField) => form.register(name, { onChange: onEdit(name) })}
                areaCodes={{
                  codes: field.value,
                  onChange: (codes) => {
                    field.onChange(codes);
                    onEdit('localAreaCodes')();
                  },
                  inputRef: field.ref,
                }}
                errors={errors}
                areaDraft={areaDraft}
                onAreaDraftChange={setAreaDraft}
              />
            )}
          />
        ) : (
          <MiccSettingsFields
            register={form.register('transportProtocol', { onChange: onEdit('transportProtocol') })}
            errors={errors}
          />
        )}
      </div>
    </FormDialog>
  );
}
