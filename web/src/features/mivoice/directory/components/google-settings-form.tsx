import {
  emailSchema,
  googleDomainSchema,
  type GoogleDirectory,
  type UpdateGoogleDirectoryRequest,
} from '@oig/shared';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { EmailField, TextField } from '@/components/ui/form-field';
import { useToast } from '@/components/ui/toast';
import { useFormErrors } from '@/lib/use-form-errors';
import { useUpdateGoogleDirectory } from '../api/update-google-directory';
import { useMivoiceTranslation } from '../../i18n';
import { checkServiceAccountKey } from '../utils/service-account-key';
import { ServiceAccountKeyField, type KeyDraft } from './service-account-key-field';

type Field = 'adminEmail' | 'domain' | 'serviceAccountKey';
const SERVER_NAMES = {
  adminEmail: 'adminEmail',
  domain: 'domain',
  serviceAccountKey: 'serviceAccountKey',
} as const;

const initialKey = (directory: GoogleDirectory): KeyDraft => ({
  mode: directory.serviceAccountKeySet ? 'keep' : 'replace',
  text: '',
  source: null,
});

/** The directory settings form of administrators: e-mail, domain and the write-only key (removing it is confirmed first). */
export function GoogleSettingsForm({ directory }: { directory: GoogleDirectory }) {
  const { t } = useMivoiceTranslation();
  const toast = useToast();
  const update = useUpdateGoogleDirectory();
  const { errors, formError, submit } = useFormErrors<Field>();
  const [adminEmail, setAdminEmail] = useState(directory.adminEmail ?? '');
  const [domain, setDomain] = useState(directory.domain ?? '');
  const [key, setKey] = useState<KeyDraft>(() => initialKey(directory));
  const [confirmingRemoval, setConfirmingRemoval] = useState(false);
  // New settings from the server (after a save, or another administrator's) replace the draft.
  const stored = `${directory.adminEmail}\n${directory.domain}\n${directory.serviceAccountKeySet}\n${directory.serviceAccountEmail}`;
  const [shown, setShown] = useState(stored);
  if (shown !== stored) {
    setShown(stored);
    setAdminEmail(directory.adminEmail ?? '');
    setDomain(directory.domain ?? '');
    setKey(initialKey(directory));
    setConfirmingRemoval(false);
  }

  /** What Save sends, and the client's objections to it. */
  const prepare = () => {
    const clientErrors: Partial<Record<Field, string>> = {};
    const email = emailSchema.safeParse(adminEmail);
    if (!email.success)
      clientErrors.adminEmail = adminEmail.trim()
        ? t('google.errors.adminEmail')
        : t('google.errors.adminEmailRequired');
    const parsedDomain = googleDomainSchema.safeParse(domain);
    if (!parsedDomain.success)
      clientErrors.domain = domain.trim() ? t('google.errors.domain') : t('google.errors.domainRequired');

    let serviceAccountKey: string | null | undefined;
    if (key.mode === 'remove') serviceAccountKey = null;
    else if (key.mode === 'replace' && (directory.serviceAccountKeySet || key.text.trim() !== '')) {
      const check = checkServiceAccountKey(key.text);
      if (check.ok) serviceAccountKey = key.text;
      else clientErrors.serviceAccountKey = t(`google.errors.key.${check.reason}`);
    }

    const body: UpdateGoogleDirectoryRequest = {
      adminEmail: email.data ?? adminEmail,
      domain: parsedDomain.data ?? domain,
      ...(serviceAccountKey !== undefined && { serviceAccountKey }),
    };
    return { clientErrors, body };
  };

  const send = async () => {
    setConfirmingRemoval(false);
    const { clientErrors, body } = prepare();
    const serviceAccountKey = body.serviceAccountKey;
    let saved: GoogleDirectory | undefined;
    const ok = await submit(clientErrors, async () => (saved = await update.mutateAsync(body)), SERVER_NAMES);
    if (!ok || !saved) return;
    // The key draft is done with, even when the saved settings look the same as before.
    setKey(initialKey(saved));
    toast.success(serviceAccountKey === null ? t('google.savedKeyRemoved') : t('google.saved'));
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    const { clientErrors, body } = prepare();
    // Removing the stored key stops every sync: ask first (once the other fields are right).
    if (body.serviceAccountKey === null && Object.keys(clientErrors).length === 0) setConfirmingRemoval(true);
    else void send();
  };

  return (
    <>
      <form
        onSubmit={save}
        noValidate
        aria-label={t('google.formLabel')}
        className="space-y-3"
        data-testid="google-settings-form"
      >
        <EmailField
          label={t('google.adminEmail')}
          autoComplete="off"
          value={adminEmail}
          onChange={(e) => setAdminEmail(e.target.value)}
          error={errors.adminEmail}
          hint={t('google.adminEmailHint')}
          placeholder="admin@example.com"
          required
          data-testid="google-admin-email"
        />
        <TextField
          label={t('google.domain')}
          autoComplete="off"
          spellCheck={false}
          maxLength={253}
          value={domain}
          onChange={(e) => setDomain(e.target.value)}
          error={errors.domain}
          hint={t('google.domainHint')}
          placeholder="example.com"
          required
          data-testid="google-domain"
        />
        <ServiceAccountKeyField
          draft={key}
          onChange={setKey}
          keySet={directory.serviceAccountKeySet}
          keyEmail={directory.serviceAccountEmail}
          error={errors.serviceAccountKey}
          disabled={update.isPending}
        />
        {formError && <ErrorAlert>{formError}</ErrorAlert>}
        <Button type="submit" variant="primary" busy={update.isPending} data-testid="google-save">
          {t('google.save')}
        </Button>
      </form>
      <ConfirmDialog
        open={confirmingRemoval}
        title={t('google.confirmRemoveKey.title')}
        confirmLabel={t('google.confirmRemoveKey.confirm')}
        cancelLabel={t('common:cancel')}
        onConfirm={() => void send()}
        onCancel={() => setConfirmingRemoval(false)}
      >
        <p>
          {directory.serviceAccountEmail
            ? t('google.keySet', { email: directory.serviceAccountEmail })
            : t('google.keySetNoEmail')}
        </p>
        <p>{t('google.confirmRemoveKey.body')}</p>
      </ConfirmDialog>
    </>
  );
}
