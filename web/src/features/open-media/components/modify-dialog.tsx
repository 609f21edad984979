import type { OpenMediaRequestView } from '@oig/shared';
import { useFieldArray } from 'react-hook-form';
import { FormErrorAlert } from '@/components/form/form-alert';
import { FormDialog } from '@/components/ui/dialog';
import { useToast } from '@/components/ui/toast';
import { applyServerErrors } from '@/lib/form/server-errors';
import { useZodForm } from '@/lib/form/use-zod-form';
import { useModifyOpenMediaRequest } from '../api/modify-request';
import { useOpenMediaTranslation } from '../i18n';
import { modifyFormSchema, MODIFY_MESSAGES, withoutBlankRows } from '../utils/forms';
import type { GroupsById } from '../utils/groups';
import { actionErrorText } from '../utils/reasons';
import { IvrFields, ivrFieldError } from './ivr-fields';

interface ModifyDialogProps {
  request: OpenMediaRequestView;
  groups: GroupsById;
  onClose: () => void;
}

/** Change a queued request's IVR data and private data. Mount it only while open. */
export function ModifyDialog({ request, groups, onClose }: ModifyDialogProps) {
  const { t } = useOpenMediaTranslation();
  const toast = useToast();
  const modify = useModifyOpenMediaRequest();
  const form = useZodForm(modifyFormSchema, {
    defaultValues: { ivrInfo: [{ label: '', data: '' }], privateData: '' },
    messages: MODIFY_MESSAGES,
  });
  const rows = useFieldArray({ control: form.control, name: 'ivrInfo' });
  const id = request.openMediaId;
  const { errors } = form.formState;

  const submit = form.handleSubmit(async (body) => {
    try {
      await modify.mutateAsync({ id, body: { ...body, ivrInfo: withoutBlankRows(body.ivrInfo) } });
      toast.success(t('modify.done', { id }));
      onClose();
    } catch (error) {
      applyServerErrors(form, error, {
        fields: ['ivrInfo', 'privateData'],
        message: (e) => actionErrorText(t, e, { openMediaId: id, groups }),
      });
    }
  });

  return (
    <FormDialog
      title={t('modify.title', { id })}
      description={t('modify.intro')}
      onClose={onClose}
      busy={modify.isPending}
      onSubmit={() => void submit()}
      submitLabel={t('modify.confirm')}
      size="lg"
      testIdPrefix="modify"
    >
      <IvrFields
        rows={rows.fields}
        register={(path) => form.register(path)}
        error={(path) => ivrFieldError(errors, path)}
        onAdd={() => rows.append({ label: '', data: '' })}
        onRemove={(i) => rows.remove(i)}
      />
      <FormErrorAlert errors={errors} />
    </FormDialog>
  );
}
