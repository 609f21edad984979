import { OPEN_MEDIA_LIMITS, type OpenMediaServiceGroup } from '@oig/shared';
import { useFieldArray } from 'react-hook-form';
import { FormErrorAlert } from '@/components/form/form-alert';
import { FormDialog } from '@/components/ui/dialog';
import { TextField } from '@/components/ui/form-field';
import { useToast } from '@/components/ui/toast';
import { fieldMessage } from '@/lib/form/field-message';
import { applyServerErrors } from '@/lib/form/server-errors';
import { useZodForm } from '@/lib/form/use-zod-form';
import { useAddOpenMediaRequest } from '../api/add-request';
import { useOpenMediaTranslation } from '../i18n';
import { formatDuration } from '../utils/duration';
import { ADD_MESSAGES, addFormSchema, withoutBlankRows, type AddFormValues } from '../utils/forms';
import { groupsById } from '../utils/groups';
import { actionErrorText } from '../utils/reasons';
import { CheckboxField } from './checkbox-field';
import { GroupSelect } from './group-select';
import { IvrFields, ivrFieldError } from './ivr-fields';

interface AddRequestDialogProps {
  groups: readonly OpenMediaServiceGroup[];
  onClose: () => void;
  /** The new request's ID, for the table to point it out. */
  onAdded: (openMediaId: string) => void;
}

const numeric = { inputMode: 'numeric', autoComplete: 'off' } as const;

/**
 * "Add test request": an Open Media request in a group, which proves the gateway reaches the MiCC
 * as "Send test e-mail" proves mail; the answer (ID, queue position, wait) is said in a toast.
 */
export function AddRequestDialog({ groups, onClose, onAdded }: AddRequestDialogProps) {
  const { t } = useOpenMediaTranslation();
  const toast = useToast();
  const add = useAddOpenMediaRequest();
  const defaultValues: AddFormValues = {
    serviceGroupId: '',
    ivrInfo: [{ label: t('add.defaultLabel'), data: t('add.defaultData') }],
    privateData: '',
    sessionPriority: '',
    preferredAgentId: '',
    preferredAgentLogonId: '',
    forceToPreferredAgent: false,
  };
  const form = useZodForm(addFormSchema, { defaultValues, messages: ADD_MESSAGES });
  const rows = useFieldArray({ control: form.control, name: 'ivrInfo' });
  const { errors } = form.formState;
  const message = (name: Exclude<keyof AddFormValues, 'ivrInfo'>) => fieldMessage(errors[name]);

  const submit = form.handleSubmit(async (body) => {
    try {
      const result = await add.mutateAsync({ ...body, ivrInfo: withoutBlankRows(body.ivrInfo) });
      toast.success(
        t('add.done', {
          id: result.openMediaId,
          position: result.queuePosition,
          ewt: formatDuration(result.ewt, t),
        }),
      );
      onAdded(result.openMediaId);
      onClose();
    } catch (error) {
      applyServerErrors(form, error, {
        message: (e) =>
          actionErrorText(t, e, { serviceGroupId: body.serviceGroupId, groups: groupsById(groups) }),
      });
    }
  });

  return (
    <FormDialog
      title={t('add.title')}
      description={t('add.intro')}
      onClose={onClose}
      busy={add.isPending}
      onSubmit={() => void submit()}
      submitLabel={t('add.confirm')}
      size="lg"
      testIdPrefix="add-request"
    >
      {groups.length > 0 ? (
        <GroupSelect
          label={t('add.group')}
          groups={groups}
          registration={form.register('serviceGroupId')}
          error={message('serviceGroupId')}
          testId="add-group"
        />
      ) : (
        <TextField
          label={t('add.groupId')}
          {...form.register('serviceGroupId')}
          {...numeric}
          error={message('serviceGroupId')}
          hint={t('add.groupIdHint')}
          required
          data-testid="add-group-id"
        />
      )}
      <IvrFields
        rows={rows.fields}
        register={(path) => form.register(path)}
        error={(path) => ivrFieldError(errors, path)}
        onAdd={() => rows.append({ label: '', data: '' })}
        onRemove={(i) => rows.remove(i)}
      />
      <fieldset className="space-y-3">
        <legend className="text-sm font-medium text-gray-800">{t('add.more')}</legend>
        <div className="grid gap-3 sm:grid-cols-3">
          <TextField
            label={t('add.priority')}
            {...form.register('sessionPriority')}
            {...numeric}
            error={message('sessionPriority')}
            hint={t('add.priorityHint')}
          />
          <TextField
            label={t('add.preferredAgentId')}
            {...form.register('preferredAgentId')}
            {...numeric}
            error={message('preferredAgentId')}
          />
          <TextField
            label={t('add.preferredAgentLogonId')}
            {...form.register('preferredAgentLogonId')}
            error={message('preferredAgentLogonId')}
            maxLength={OPEN_MEDIA_LIMITS.preferredAgentLogonId + 5}
            autoComplete="off"
          />
        </div>
        <CheckboxField
          label={t('add.force')}
          hint={t('add.forceHint')}
          error={message('forceToPreferredAgent')}
          {...form.register('forceToPreferredAgent')}
        />
      </fieldset>
      <FormErrorAlert errors={errors} />
    </FormDialog>
  );
}
