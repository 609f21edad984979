import { cancelOpenMediaRequestSchema, type OpenMediaRequestView } from '@oig/shared';
import { FormErrorAlert } from '@/components/form/form-alert';
import { Dialog, DialogActions } from '@/components/ui/dialog';
import { useToast } from '@/components/ui/toast';
import { applyServerErrors } from '@/lib/form/server-errors';
import { useZodForm } from '@/lib/form/use-zod-form';
import { useCancelOpenMediaRequest } from '../api/cancel-request';
import { useOpenMediaTranslation } from '../i18n';
import type { GroupsById } from '../utils/groups';
import { actionErrorText } from '../utils/reasons';
import { withAgent } from '../utils/status';
import { CheckboxField } from './checkbox-field';

interface CancelDialogProps {
  request: OpenMediaRequestView;
  groups: GroupsById;
  onClose: () => void;
}

/** Cancel a request, its two options explained. Mount it only while open. */
export function CancelDialog({ request, groups, onClose }: CancelDialogProps) {
  const { t } = useOpenMediaTranslation();
  const toast = useToast();
  const cancel = useCancelOpenMediaRequest();
  const form = useZodForm(cancelOpenMediaRequestSchema, {
    defaultValues: { cancelIfAllocated: false, doNotReport: false },
  });
  const id = request.openMediaId;
  // Statistics are kept once an agent has it: the MiCC ignores "do not report" then.
  const agentHasIt = withAgent(request.status);

  const submit = form.handleSubmit(async (body) => {
    try {
      await cancel.mutateAsync({ id, body: { ...body, doNotReport: agentHasIt ? false : body.doNotReport } });
      toast.success(t('cancel.done', { id }));
      onClose();
    } catch (error) {
      applyServerErrors(form, error, {
        message: (e) => actionErrorText(t, e, { openMediaId: id, groups }),
      });
    }
  });

  return (
    <Dialog
      open
      title={t('cancel.title', { id })}
      description={t('cancel.intro')}
      onClose={onClose}
      busy={cancel.isPending}
      onSubmit={() => void submit()}
      testId="cancel-dialog"
      footer={
        <DialogActions
          cancelLabel={t('cancel.keep')}
          submitLabel={t('cancel.confirm')}
          onCancel={onClose}
          busy={cancel.isPending}
          tone="danger"
          testIdPrefix="cancel"
        />
      }
    >
      {agentHasIt && <p className="text-sm font-medium text-gray-900">{t('cancel.withAgent')}</p>}
      <CheckboxField
        label={t('cancel.cancelIfAllocated')}
        hint={t('cancel.cancelIfAllocatedHint')}
        {...form.register('cancelIfAllocated')}
      />
      <CheckboxField
        label={t('cancel.doNotReport')}
        hint={t('cancel.doNotReportHint')}
        disabled={agentHasIt}
        {...form.register('doNotReport')}
      />
      <FormErrorAlert errors={form.formState.errors} />
    </Dialog>
  );
}
