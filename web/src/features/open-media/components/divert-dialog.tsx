import type { OpenMediaRequestView, OpenMediaServiceGroup } from '@oig/shared';
import { FormErrorAlert } from '@/components/form/form-alert';
import { FormDialog } from '@/components/ui/dialog';
import { useToast } from '@/components/ui/toast';
import { fieldMessage } from '@/lib/form/field-message';
import { applyServerErrors } from '@/lib/form/server-errors';
import { useZodForm } from '@/lib/form/use-zod-form';
import { useDivertOpenMediaRequest } from '../api/divert-request';
import { useOpenMediaTranslation } from '../i18n';
import { groupLabel, groupsById } from '../utils/groups';
import { divertFormSchema, DIVERT_MESSAGES } from '../utils/forms';
import { actionErrorText } from '../utils/reasons';
import { GroupSelect } from './group-select';

interface DivertDialogProps {
  request: OpenMediaRequestView;
  groups: readonly OpenMediaServiceGroup[];
  onClose: () => void;
}

/** Divert a request to another service group picked from the MiCC's list. Mount it only while open. */
export function DivertDialog({ request, groups, onClose }: DivertDialogProps) {
  const { t } = useOpenMediaTranslation();
  const toast = useToast();
  const divert = useDivertOpenMediaRequest();
  const form = useZodForm(divertFormSchema, {
    defaultValues: { serviceGroupId: '' },
    messages: DIVERT_MESSAGES,
  });
  const id = request.openMediaId;
  const byId = groupsById(groups);

  const submit = form.handleSubmit(async (body) => {
    try {
      await divert.mutateAsync({ id, body });
      toast.success(t('divert.done', { id, group: groupLabel(body.serviceGroupId ?? -1, byId, t) }));
      onClose();
    } catch (error) {
      applyServerErrors(form, error, {
        fields: ['serviceGroupId'],
        message: (e) =>
          actionErrorText(t, e, { openMediaId: id, serviceGroupId: body.serviceGroupId, groups: byId }),
      });
    }
  });

  return (
    <FormDialog
      title={t('divert.title', { id })}
      description={t('divert.intro')}
      onClose={onClose}
      busy={divert.isPending}
      onSubmit={() => void submit()}
      submitLabel={t('divert.confirm')}
      testIdPrefix="divert"
    >
      <GroupSelect
        label={t('divert.group')}
        groups={groups}
        current={request.serviceGroupId}
        registration={form.register('serviceGroupId')}
        error={fieldMessage(form.formState.errors.serviceGroupId)}
        testId="divert-group"
      />
      <FormErrorAlert errors={form.formState.errors} />
    </FormDialog>
  );
}
