import type { MiccSettings, MivbSettings, NetworkElementType } from '@oig/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '@/components/ui/dialog';
import { ErrorAlert, QueryErrorAlert } from '@/components/ui/error-alert';
import { LoadingState } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { defaultsSchema, useNetworkElementDefaults } from '../api/get-network-element-defaults';
import { useUpdateNetworkElementDefaults } from '../api/update-network-element-defaults';
import { MIVB_FIELDS, type ElementField, type FieldErrors, type MivbField } from '../utils/element-form';
import { issuesToFieldErrors, serverErrorDisplay } from '../utils/validation-messages';
import { addAreaCodes } from './area-codes-field';
import { MiccSettingsFields, MivbSettingsFields } from './settings-fields';
import { TypeSelect } from './type-setup-fields';
import { useFocusField } from './use-focus-field';

const SHOWN: Record<NetworkElementType, readonly ElementField[]> = {
  mivb: MIVB_FIELDS,
  micc: ['transportProtocol'],
};

/** Set Default Values: the values Default elements follow, one type at a time. Mount it only while open. */
export function DefaultsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation(['networkElements', 'common']);
  const toast = useToast();
  const [type, setType] = useState<NetworkElementType>('mivb');
  const mivb = useNetworkElementDefaults('mivb');
  const micc = useNetworkElementDefaults('micc', { enabled: type === 'micc' });
  const save = useUpdateNetworkElementDefaults();
  // Edits per type, kept when switching between the two; until edited, the server's values show.
  const [drafts, setDrafts] = useState<{ mivb?: MivbSettings; micc?: MiccSettings }>({});
  const [areaDraft, setAreaDraft] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [alert, setAlert] = useState<string | null>(null);
  const { containerRef, focusField } = useFocusField<HTMLDivElement>();

  const query = type === 'mivb' ? mivb : micc;
  const mivbValues = drafts.mivb ?? mivb.data;
  const miccValues = drafts.micc ?? micc.data;
  const loaded = type === 'mivb' ? !!mivbValues : !!miccValues;
  const busy = save.isPending;
  const typeLabel = t(`types.${type}`);

  const clearError = (field: ElementField) => setErrors((e) => (e[field] ? { ...e, [field]: undefined } : e));
  const changeType = (next: NetworkElementType) => {
    setType(next);
    setErrors({});
    setAlert(null);
  };
  const setMivb = <K extends MivbField>(field: K, value: MivbSettings[K]) => {
    if (!mivbValues) return;
    setDrafts((d) => ({ ...d, mivb: { ...mivbValues, ...d.mivb, [field]: value } }));
    clearError(field);
  };

  const submit = async () => {
    let settings: MivbSettings | MiccSettings | undefined = type === 'mivb' ? mivbValues : miccValues;
    if (!settings) return;
    if (type === 'mivb' && mivbValues && areaDraft.trim()) {
      const withDraft = { ...mivbValues, localAreaCodes: addAreaCodes(mivbValues.localAreaCodes, areaDraft) };
      setDrafts((d) => ({ ...d, mivb: withDraft }));
      setAreaDraft('');
      settings = withDraft;
    }
    const result = defaultsSchema(type).safeParse(settings);
    if (!result.success) {
      const next = issuesToFieldErrors(
        result.error.issues,
        settings as unknown as Record<string, unknown>,
        t,
      );
      setErrors(next);
      setAlert(null);
      focusField(SHOWN[type].find((f) => next[f]));
      return;
    }
    setErrors({});
    setAlert(null);
    try {
      await save.mutateAsync(
        type === 'mivb'
          ? { type, settings: result.data as MivbSettings }
          : { type, settings: result.data as MiccSettings },
      );
      toast.success(t('toasts.defaultsSaved', { type: typeLabel }));
      onClose();
    } catch (error) {
      const display = serverErrorDisplay(error, SHOWN[type]);
      setErrors(display.fields);
      setAlert(display.alert);
      focusField(SHOWN[type].find((f) => display.fields[f]));
    }
  };

  return (
    <FormDialog
      title={t('defaults.title')}
      description={t('defaults.explanation')}
      onClose={onClose}
      busy={busy}
      onSubmit={() => void submit()}
      size="lg"
      submitLabel={busy ? t('actions.saving') : t('actions.save')}
      submitDisabled={!loaded}
      testIdPrefix="defaults"
      submitTestId="save"
    >
      <div ref={containerRef} className="space-y-4">
        {alert && <ErrorAlert>{alert}</ErrorAlert>}
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
        ) : type === 'mivb' && mivbValues ? (
          <MivbSettingsFields
            values={mivbValues}
            onChange={setMivb}
            errors={errors}
            areaDraft={areaDraft}
            onAreaDraftChange={setAreaDraft}
          />
        ) : miccValues ? (
          <MiccSettingsFields
            values={miccValues}
            onChange={(transportProtocol) => {
              setDrafts((d) => ({ ...d, micc: { transportProtocol } }));
              clearError('transportProtocol');
            }}
            errors={errors}
          />
        ) : null}
      </div>
    </FormDialog>
  );
}
