import {
  MAX_MICC_ELEMENTS,
  MAX_MIVB_ELEMENTS,
  type NetworkElement,
  type NetworkElementType,
} from '@oig/shared';
import { useEffect, useMemo, useState } from 'react';
import { Controller, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FormErrorAlert } from '@/components/form/form-alert';
import { FormDialog } from '@/components/ui/dialog';
import { TextField } from '@/components/ui/form-field';
import { useToast } from '@/components/ui/toast';
import { fieldMessage } from '@/lib/form/field-message';
import { applyServerErrors } from '@/lib/form/server-errors';
import { useZodForm } from '@/lib/form/use-zod-form';
import { useCreateNetworkElement } from '../api/create-network-element';
import { useNetworkElementDefaults } from '../api/get-network-element-defaults';
import { useUpdateNetworkElement } from '../api/update-network-element';
import {
  elementFormSchemaFor,
  elementToValues,
  MIVB_FIELDS,
  newElementValues,
  shownFields,
  type ElementField,
  type FieldErrors,
} from '../utils/element-form';
import type { ElementCounts } from '../utils/element-text';
import { ELEMENT_MESSAGE_OPTIONS } from '../utils/validation-messages';
import { addAreaCodes } from './area-codes-field';
import { CredentialsFields } from './credentials-fields';
import { DefaultsSummary } from './defaults-summary';
import { MiccSettingsFields, MivbSettingsFields, type TextMivbField } from './settings-fields';
import { SetupRadios, TypeSelect } from './type-setup-fields';

interface ElementDialogProps {
  /** The element to edit; null adds one. */
  element: NetworkElement | null;
  counts: ElementCounts;
  onClose: () => void;
}

/** Add Network Element / Edit Network Element. Mount it only while open (its state starts fresh). */
export function ElementDialog({ element, counts, onClose }: ElementDialogProps) {
  const { t } = useTranslation(['networkElements', 'common']);
  const toast = useToast();
  const create = useCreateNetworkElement();
  const update = useUpdateNetworkElement();
  const mivbDefaults = useNetworkElementDefaults('mivb');
  const miccDefaults = useNetworkElementDefaults('micc');

  // A type at its limit cannot be chosen, except by the element being edited (the server enforces it too).
  const blocked: Partial<Record<NetworkElementType, string>> = {};
  if (counts.mivb >= MAX_MIVB_ELEMENTS && element?.type !== 'mivb')
    blocked.mivb = t('limits.mivbFull', { max: MAX_MIVB_ELEMENTS });
  if (counts.micc >= MAX_MICC_ELEMENTS && element?.type !== 'micc') blocked.micc = t('limits.miccExists');

  // What the edited MiCC has stored decides which credentials the body carries.
  const schema = useMemo(() => elementFormSchemaFor(element), [element]);
  const form = useZodForm(schema, {
    defaultValues: element
      ? elementToValues(element)
      : newElementValues(blocked.mivb && !blocked.micc ? 'micc' : 'mivb'),
    ...ELEMENT_MESSAGE_OPTIONS,
  });
  const { errors: formErrors } = form.formState;
  const [type, setup, localAreaCodes, openMediaLogonId] = useWatch({
    control: form.control,
    name: ['type', 'setup', 'localAreaCodes', 'openMediaLogonId'],
  });
  const stored = {
    logonId: element?.type === 'micc' && element.openMediaLogonId !== null,
    password: element?.type === 'micc' && element.openMediaPasswordSet,
  };
  // Settings not edited yet start from the current default values once those are loaded.
  const [edited, setEdited] = useState({ mivb: element?.type === 'mivb', micc: element?.type === 'micc' });
  const [areaDraft, setAreaDraft] = useState('');

  const { setValue } = form;
  useEffect(() => {
    const data = mivbDefaults.data;
    if (!data || edited.mivb) return;
    for (const field of MIVB_FIELDS) if (field !== 'localAreaCodes') setValue(field, data[field]);
    setValue('localAreaCodes', [...data.localAreaCodes]);
  }, [mivbDefaults.data, edited.mivb, setValue]);
  useEffect(() => {
    const data = miccDefaults.data;
    if (data && !edited.micc) setValue('transportProtocol', data.transportProtocol);
  }, [miccDefaults.data, edited.micc, setValue]);

  const busy = create.isPending || update.isPending;
  const shown = shownFields(type, setup);
  const errors: FieldErrors = Object.fromEntries(
    shown
      .map((field): [string, string | undefined] => [field, fieldMessage(formErrors[field])])
      .filter(([, message]) => message),
  );

  // A field's message goes as soon as it is changed; a setting changed is no longer the default.
  const onEdit = (field: ElementField, settingsOf?: NetworkElementType) => () => {
    form.clearErrors(field);
    if (settingsOf) setEdited((e) => ({ ...e, [settingsOf]: true }));
  };

  const save = form.handleSubmit(async (input) => {
    try {
      if (element) {
        await update.mutateAsync({ id: element.id, input });
        toast.success(t('toasts.updated', { ip: input.ipAddress }));
      } else {
        await create.mutateAsync(input);
        toast.success(t('toasts.added', { ip: input.ipAddress }));
      }
      onClose();
    } catch (error) {
      // On the fields the server names, when shown; anything else above them.
      applyServerErrors(form, error, { fields: shown });
    }
  });

  const submit = () => {
    // Codes typed but not added yet count as added.
    if (type === 'mivb' && setup === 'custom' && areaDraft.trim()) {
      setValue('localAreaCodes', addAreaCodes(localAreaCodes, areaDraft));
      setAreaDraft('');
    }
    void save();
  };

  const defaultsOfType = type === 'mivb' ? mivbDefaults.data : miccDefaults.data;

  return (
    <FormDialog
      title={element ? t('form.editTitle') : t('form.addTitle')}
      description={t('form.description')}
      onClose={onClose}
      busy={busy}
      onSubmit={submit}
      size="lg"
      submitLabel={busy ? t('actions.saving') : t('actions.save')}
      testIdPrefix="element"
      submitTestId="save"
    >
      <div className="space-y-4">
        <FormErrorAlert errors={formErrors} />
        <div className="grid gap-4 sm:grid-cols-2">
          <Controller
            control={form.control}
            name="type"
            render={({ field }) => (
              <TypeSelect
                value={field.value}
                onChange={(value) => {
                  field.onChange(value);
                  onEdit('type')();
                }}
                selectRef={field.ref}
                blocked={blocked}
                error={errors.type}
              />
            )}
          />
          <Controller
            control={form.control}
            name="setup"
            render={({ field }) => (
              <SetupRadios
                value={field.value}
                onChange={(value) => {
                  field.onChange(value);
                  onEdit('setup')();
                }}
                error={errors.setup}
              />
            )}
          />
        </div>
        <TextField
          label={t('fields.ipAddress')}
          {...form.register('ipAddress', { onChange: onEdit('ipAddress') })}
          error={errors.ipAddress}
          hint={t('form.ipHint')}
          required
          maxLength={60}
          autoComplete="off"
          spellCheck={false}
          data-testid="field-ipAddress"
        />
        {setup === 'default' && <DefaultsSummary type={type} defaults={defaultsOfType} />}
        {setup === 'custom' && type === 'mivb' && (
          <Controller
            control={form.control}
            name="localAreaCodes"
            render={({ field }) => (
              <MivbSettingsFields
                register={(name: TextMivbField) => form.register(name, { onChange: onEdit(name, 'mivb') })}
                areaCodes={{
                  codes: field.value,
                  onChange: (codes) => {
                    field.onChange(codes);
                    onEdit('localAreaCodes', 'mivb')();
                  },
                  inputRef: field.ref,
                }}
                errors={errors}
                areaDraft={areaDraft}
                onAreaDraftChange={setAreaDraft}
              />
            )}
          />
        )}
        {setup === 'custom' && type === 'micc' && (
          <MiccSettingsFields
            register={form.register('transportProtocol', { onChange: onEdit('transportProtocol', 'micc') })}
            errors={errors}
          />
        )}
        {type === 'micc' && (
          <CredentialsFields
            logonId={form.register('openMediaLogonId', { onChange: onEdit('openMediaLogonId') })}
            password={form.register('openMediaPassword', { onChange: onEdit('openMediaPassword') })}
            logonIdValue={openMediaLogonId}
            stored={stored}
            errors={errors}
          />
        )}
      </div>
    </FormDialog>
  );
}
