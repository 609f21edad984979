import { testMailRequestSchema } from '@oig/shared';
import { useTranslation } from 'react-i18next';
import { FormErrorAlert } from '@/components/form/form-alert';
import { MailDeliveryNote } from '@/components/mail-delivery-note';
import { Button } from '@/components/ui/button';
import { EmailField } from '@/components/ui/form-field';
import { useToast } from '@/components/ui/toast';
import { applyServerErrors } from '@/lib/form/server-errors';
import { useZodForm } from '@/lib/form/use-zod-form';
import { mailOutcomeToast } from '@/lib/mail-delivery';
import { useSendTestMail } from '../api/send-test-mail';

/**
 * "Send Test E-mail": queues a test message to one address; the outbox then shows it. With no
 * mail server a note says it will be saved as a file, and the toast names the file.
 */
export function TestMailForm() {
  const { t } = useTranslation('mail');
  const toast = useToast();
  const send = useSendTestMail();
  const form = useZodForm(testMailRequestSchema, {
    defaultValues: { to: '' },
    messages: { to: { required: 'mail:test.toRequired', '*': 'mail:test.toInvalid' } },
  });
  const { errors } = form.formState;

  const submit = form.handleSubmit(async (request) => {
    try {
      const { mail } = await send.mutateAsync(request);
      const said = mailOutcomeToast(mail, t('test.queued'));
      if (said.toFile) toast.show(said.text, 'info');
      else toast.success(said.text);
    } catch (error) {
      applyServerErrors(form, error);
    }
  });

  return (
    <form
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-label={t('test.formLabel')}
      className="space-y-3 self-start rounded-md border border-gray-200 p-3"
      data-testid="mail-test-form"
    >
      <h3 className="text-sm font-semibold text-gray-900">{t('test.title')}</h3>
      <EmailField
        label={t('test.to')}
        {...form.register('to')}
        error={errors.to?.message}
        hint={t('test.toHint')}
        disabled={send.isPending}
        placeholder="admin@example.com"
        data-testid="mail-test-to"
      />
      <MailDeliveryNote testId="mail-test-delivery-note" />
      <FormErrorAlert errors={errors} />
      <Button type="submit" busy={send.isPending} data-testid="mail-test-send">
        {t('test.send')}
      </Button>
    </form>
  );
}
