import { testMailRequestSchema } from '@oig/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { ErrorAlert } from '@/components/ui/error-alert';
import { EmailField, TextField } from '@/components/ui/form-field';
import { useToast } from '@/components/ui/toast';
import { formErrorsOf } from '@/lib/errors';
import { useSendTestMail } from '../api/send-test-mail';

/** "Send Test E-mail": queues a test message to one address; the outbox then shows it. */
export function TestMailForm() {
  const { t } = useTranslation('mail');
  const toast = useToast();
  const send = useSendTestMail();
  const [to, setTo] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | undefined>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(undefined);
    const parsed = testMailRequestSchema.safeParse({ to });
    if (!parsed.success) {
      setError(to.trim() ? t('test.toInvalid') : t('test.toRequired'));
      return;
    }
    setError(undefined);
    try {
      await send.mutateAsync(parsed.data);
      toast.success(t('test.queued'));
    } catch (e) {
      const shown = formErrorsOf(e, { to: 'to' });
      setError(shown.fields.to);
      setFormError(shown.form);
    }
  };

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
        value={to}
        onChange={(e) => setTo(e.target.value)}
        error={error}
        hint={t('test.toHint')}
        disabled={send.isPending}
        placeholder="admin@example.com"
        data-testid="mail-test-to"
      />
      {formError && <ErrorAlert>{formError}</ErrorAlert>}
      <Button type="submit" busy={send.isPending} data-testid="mail-test-send">
        {t('test.send')}
      </Button>
    </form>
  );
}
