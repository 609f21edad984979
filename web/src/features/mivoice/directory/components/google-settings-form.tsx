import type { GoogleDirectory, UpdateGoogleDirectoryRequest } from '@oig/shared';
import { useState } from 'react';
import { Controller } from 'react-hook-form';
import { FormErrorAlert } from '@/components/form/form-alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { EmailField, TextField } from '@/components/ui/form-field';
import { useToast } from '@/components/ui/toast';
import { applyServerErrors } from '@/lib/form/server-errors';
import { useZodForm } from '@/lib/form/use-zod-form';
import { useUpdateGoogleDirectory } from '../api/update-google-directory';
import { useMivoiceTranslation } from '../../i18n';
import {
  GOOGLE_SETTINGS_MESSAGES,
  googleSettingsFormSchema,
  type KeyDraft,
} from '../utils/google-settings-form';
import { ServiceAccountKeyField } from './service-account-key-field';

const initialKey = (directory: GoogleDirectory): KeyDraft => ({
  mode: directory.serviceAccountKeySet ? 'keep' : 'replace',
  text: '',
  source: null,
});

const valuesOf = (directory: GoogleDirectory) => ({
  adminEmail: directory.adminEmail ?? '',
  domain: directory.domain ?? '',
  serviceAccountKey: initialKey(directory),
});

/**
 * The directory settings form of administrators: e-mail, domain and the write-only key (removing
 * it is confirmed first).
 */
/** The saved settings, not the sync's figures (a sync does not make a confirmation obsolete). */
const sameSettings = (a: GoogleDirectory, b: GoogleDirectory) =>
  a.adminEmail === b.adminEmail &&
  a.domain === b.domain &&
  a.serviceAccountKeySet === b.serviceAccountKeySet &&
  a.serviceAccountEmail === b.serviceAccountEmail;

export function GoogleSettingsForm({ directory }: { directory: GoogleDirectory }) {
  const { t } = useMivoiceTranslation();
  const toast = useToast();
  const update = useUpdateGoogleDirectory();
  // New settings from the server (after a save, or another administrator's) replace what is typed.
  const form = useZodForm(googleSettingsFormSchema(directory.serviceAccountKeySet), {
    values: valuesOf(directory),
    messages: GOOGLE_SETTINGS_MESSAGES,
  });
  const { errors } = form.formState;
  /**
   * The body waiting for "remove the key" to be confirmed, with the settings it was built on: the
   * dialog shows only while those are still the saved ones (another change closes it).
   */
  const [removal, setRemoval] = useState<{
    body: UpdateGoogleDirectoryRequest;
    on: GoogleDirectory;
  } | null>(null);
  const confirmingRemoval = removal !== null && sameSettings(removal.on, directory) ? removal.body : null;

  const send = async (body: UpdateGoogleDirectoryRequest) => {
    setRemoval(null);
    try {
      const saved = await update.mutateAsync(body);
      // The key draft is done with, even when the saved settings look the same as before.
      form.reset(valuesOf(saved));
      toast.success(body.serviceAccountKey === null ? t('google.savedKeyRemoved') : t('google.saved'));
    } catch (error) {
      applyServerErrors(form, error);
    }
  };

  // Removing the stored key stops every sync: ask first (once the other fields are right).
  const save = form.handleSubmit(async (body) => {
    if (body.serviceAccountKey === null) setRemoval({ body, on: directory });
    else await send(body);
  });

  return (
    <>
      <form
        onSubmit={(e) => void save(e)}
        noValidate
        aria-label={t('google.formLabel')}
        className="space-y-3"
        data-testid="google-settings-form"
      >
        <EmailField
          label={t('google.adminEmail')}
          autoComplete="off"
          {...form.register('adminEmail')}
          error={errors.adminEmail?.message}
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
          {...form.register('domain')}
          error={errors.domain?.message}
          hint={t('google.domainHint')}
          placeholder="example.com"
          required
          data-testid="google-domain"
        />
        <Controller
          control={form.control}
          name="serviceAccountKey"
          render={({ field }) => (
            <ServiceAccountKeyField
              draft={field.value}
              onChange={field.onChange}
              keySet={directory.serviceAccountKeySet}
              keyEmail={directory.serviceAccountEmail}
              error={errors.serviceAccountKey?.message}
              disabled={update.isPending}
            />
          )}
        />
        <FormErrorAlert errors={errors} />
        <Button type="submit" variant="primary" busy={update.isPending} data-testid="google-save">
          {t('google.save')}
        </Button>
      </form>
      <ConfirmDialog
        open={confirmingRemoval !== null}
        title={t('google.confirmRemoveKey.title')}
        confirmLabel={t('google.confirmRemoveKey.confirm')}
        cancelLabel={t('common:cancel')}
        onConfirm={() => confirmingRemoval && void send(confirmingRemoval)}
        onCancel={() => setRemoval(null)}
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
