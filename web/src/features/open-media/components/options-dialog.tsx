import { useWatch } from 'react-hook-form';
import { FormErrorAlert } from '@/components/form/form-alert';
import { FormDialog } from '@/components/ui/dialog';
import { SelectField, TextField } from '@/components/ui/form-field';
import { useToast } from '@/components/ui/toast';
import { fieldMessage } from '@/lib/form/field-message';
import { applyServerErrors } from '@/lib/form/server-errors';
import { useZodForm } from '@/lib/form/use-zod-form';
import { useSetOpenMediaOptions } from '../api/set-options';
import { useOpenMediaTranslation } from '../i18n';
import { EMPTY_OPTIONS, optionsFormSchema, OPTIONS_MESSAGES, type OptionsFormValues } from '../utils/forms';
import { actionErrorText } from '../utils/reasons';
import { CheckboxField } from './checkbox-field';

type ChoiceField = 'agentActionOptions' | 'closeTabOptions' | 'allowDifferentTypes' | 'sessionLinkOptions';

/** Each choice's label key prefix and its values (the service's numbers). */
const CHOICES: Record<ChoiceField, { key: string; values: readonly string[] }> = {
  agentActionOptions: { key: 'agentAction', values: ['1', '2', '3', '4'] },
  closeTabOptions: { key: 'closeTab', values: ['1', '2', '3', '4'] },
  allowDifferentTypes: { key: 'allowDifferentTypes', values: ['1', '2'] },
  sessionLinkOptions: { key: 'sessionLinks', values: ['1', '2'] },
};

/** "Set Options": the service's SetOptions, each choice in plain words. Mount it only while open. */
export function OptionsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useOpenMediaTranslation();
  const toast = useToast();
  const save = useSetOpenMediaOptions();
  const form = useZodForm(optionsFormSchema, { defaultValues: EMPTY_OPTIONS, messages: OPTIONS_MESSAGES });
  const reset = useWatch({ control: form.control, name: 'resetAllOptions' });
  const { errors } = form.formState;
  const message = (name: keyof OptionsFormValues) => fieldMessage(errors[name]);

  const submit = form.handleSubmit(async (body) => {
    try {
      await save.mutateAsync(body);
      toast.success(t('options.done'));
      onClose();
    } catch (error) {
      applyServerErrors(form, error, { message: (e) => actionErrorText(t, e) });
    }
  });

  const choice = (name: ChoiceField) => {
    const { key, values } = CHOICES[name];
    return (
      <SelectField
        label={t(`options.${key}` as 'options.agentAction')}
        {...form.register(name)}
        error={message(name)}
        options={[
          { value: '', label: t('options.unchanged') },
          ...values.map((v) => ({ value: v, label: t(`options.${key}${v}` as 'options.agentAction1') })),
        ]}
        data-testid={`option-${name}`}
      />
    );
  };

  return (
    <FormDialog
      title={t('options.title')}
      description={t('options.intro')}
      onClose={onClose}
      busy={save.isPending}
      onSubmit={() => void submit()}
      submitLabel={reset ? t('options.confirmReset') : t('options.confirm')}
      tone={reset ? 'danger' : 'primary'}
      size="lg"
      testIdPrefix="options"
    >
      <TextField
        label={t('options.typeOfSession')}
        {...form.register('typeOfSession')}
        error={message('typeOfSession')}
        hint={t('options.typeOfSessionHint')}
        inputMode="numeric"
        autoComplete="off"
        data-testid="option-typeOfSession"
      />
      {choice('agentActionOptions')}
      {choice('closeTabOptions')}
      <TextField
        label={t('options.maxSessions')}
        {...form.register('maxNumberOfSessions')}
        error={message('maxNumberOfSessions')}
        hint={t('options.maxSessionsHint')}
        inputMode="numeric"
        autoComplete="off"
        data-testid="option-maxNumberOfSessions"
      />
      {choice('allowDifferentTypes')}
      {choice('sessionLinkOptions')}
      <CheckboxField
        label={t('options.reset')}
        hint={t('options.resetHint')}
        {...form.register('resetAllOptions')}
      />
      <FormErrorAlert errors={errors} />
    </FormDialog>
  );
}
