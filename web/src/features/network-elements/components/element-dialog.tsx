import {
  MAX_MICC_ELEMENTS,
  MAX_MIVB_ELEMENTS,
  type MivbSettings,
  type NetworkElement,
  type NetworkElementType,
} from '@oig/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '@/components/ui/dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { TextField } from '@/components/ui/form-field';
import { useToast } from '@/components/ui/toast';
import { useCreateNetworkElement } from '../api/create-network-element';
import { useNetworkElementDefaults } from '../api/get-network-element-defaults';
import { useUpdateNetworkElement } from '../api/update-network-element';
import {
  elementToValues,
  newElementValues,
  shownFields,
  validateElement,
  type ElementField,
  type ElementFormValues,
  type FieldErrors,
  type MivbField,
} from '../utils/element-form';
import type { ElementCounts } from '../utils/element-text';
import { issuesToFieldErrors, serverErrorDisplay } from '../utils/validation-messages';
import { addAreaCodes } from './area-codes-field';
import { DefaultsSummary } from './defaults-summary';
import { MiccSettingsFields, MivbSettingsFields } from './settings-fields';
import { SetupRadios, TypeSelect } from './type-setup-fields';
import { useFocusField } from './use-focus-field';

interface ElementDialogProps {
  /** The element to edit; null adds one. */
  element: NetworkElement | null;
  counts: ElementCounts;
  onClose: () => void;
}

const firstError = (shown: readonly ElementField[], errors: FieldErrors) => shown.find((f) => errors[f]);

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

  const [values, setValues] = useState<ElementFormValues>(() =>
    element ? elementToValues(element) : newElementValues(blocked.mivb && !blocked.micc ? 'micc' : 'mivb'),
  );
  // Settings not edited yet start from the current default values once those are loaded.
  const [edited, setEdited] = useState({ mivb: element?.type === 'mivb', micc: element?.type === 'micc' });
  const [areaDraft, setAreaDraft] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [alert, setAlert] = useState<string | null>(null);
  const { containerRef, focusField } = useFocusField<HTMLDivElement>();

  useEffect(() => {
    const data = mivbDefaults.data;
    if (data && !edited.mivb)
      setValues((v) => ({ ...v, mivb: { ...data, localAreaCodes: [...data.localAreaCodes] } }));
  }, [mivbDefaults.data, edited.mivb]);
  useEffect(() => {
    const data = miccDefaults.data;
    if (data && !edited.micc) setValues((v) => ({ ...v, micc: { ...data } }));
  }, [miccDefaults.data, edited.micc]);

  const busy = create.isPending || update.isPending;
  const shown = shownFields(values.type, values.setup);

  const clearError = (field: ElementField) => setErrors((e) => (e[field] ? { ...e, [field]: undefined } : e));
  const set = <K extends 'type' | 'setup' | 'ipAddress'>(field: K, value: ElementFormValues[K]) => {
    setValues((v) => ({ ...v, [field]: value }));
    clearError(field);
  };
  const setMivb = <K extends MivbField>(field: K, value: MivbSettings[K]) => {
    setValues((v) => ({ ...v, mivb: { ...v.mivb, [field]: value } }));
    setEdited((e) => ({ ...e, mivb: true }));
    clearError(field);
  };

  const submit = async () => {
    // Codes typed but not added yet count as added.
    let current = values;
    if (current.type === 'mivb' && current.setup === 'custom' && areaDraft.trim()) {
      current = {
        ...current,
        mivb: { ...current.mivb, localAreaCodes: addAreaCodes(current.mivb.localAreaCodes, areaDraft) },
      };
      setValues(current);
      setAreaDraft('');
    }
    const result = validateElement(current);
    if (!result.success) {
      const next = issuesToFieldErrors(result.issues, result.input, t);
      setErrors(next);
      setAlert(null);
      focusField(firstError(shown, next));
      return;
    }
    setErrors({});
    setAlert(null);
    try {
      if (element) {
        await update.mutateAsync({ id: element.id, input: result.data });
        toast.success(t('toasts.updated', { ip: result.data.ipAddress }));
      } else {
        await create.mutateAsync(result.data);
        toast.success(t('toasts.added', { ip: result.data.ipAddress }));
      }
      onClose();
    } catch (error) {
      const display = serverErrorDisplay(error, shown);
      setErrors(display.fields);
      setAlert(display.alert);
      focusField(firstError(shown, display.fields));
    }
  };

  const defaultsOfType = values.type === 'mivb' ? mivbDefaults.data : miccDefaults.data;

  return (
    <FormDialog
      title={element ? t('form.editTitle') : t('form.addTitle')}
      description={t('form.description')}
      onClose={onClose}
      busy={busy}
      onSubmit={() => void submit()}
      size="lg"
      submitLabel={busy ? t('actions.saving') : t('actions.save')}
      testIdPrefix="element"
      submitTestId="save"
    >
      <div ref={containerRef} className="space-y-4">
        {alert && <ErrorAlert>{alert}</ErrorAlert>}
        <div className="grid gap-4 sm:grid-cols-2">
          <TypeSelect
            value={values.type}
            onChange={(type) => set('type', type)}
            blocked={blocked}
            error={errors.type}
          />
          <SetupRadios value={values.setup} onChange={(setup) => set('setup', setup)} error={errors.setup} />
        </div>
        <TextField
          label={t('fields.ipAddress')}
          name="ipAddress"
          value={values.ipAddress}
          onChange={(e) => set('ipAddress', e.target.value)}
          error={errors.ipAddress}
          hint={t('form.ipHint')}
          required
          maxLength={60}
          autoComplete="off"
          spellCheck={false}
          data-testid="field-ipAddress"
        />
        {values.setup === 'default' && <DefaultsSummary type={values.type} defaults={defaultsOfType} />}
        {values.setup === 'custom' && values.type === 'mivb' && (
          <MivbSettingsFields
            values={values.mivb}
            onChange={setMivb}
            errors={errors}
            areaDraft={areaDraft}
            onAreaDraftChange={setAreaDraft}
          />
        )}
        {values.setup === 'custom' && values.type === 'micc' && (
          <MiccSettingsFields
            values={values.micc}
            onChange={(transportProtocol) => {
              setValues((v) => ({ ...v, micc: { transportProtocol } }));
              setEdited((e) => ({ ...e, micc: true }));
              clearError('transportProtocol');
            }}
            errors={errors}
          />
        )}
      </div>
    </FormDialog>
  );
}
