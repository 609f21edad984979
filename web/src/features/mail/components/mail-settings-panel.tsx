import {
  SMTP_TLS_MODES,
  updateMailSettingsRequestSchema,
  type MailSettings,
  type SmtpTlsMode,
} from '@oig/shared';
import { useState, type ChangeEvent } from 'react';
import { z } from 'zod';
import { useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { CollapsiblePanel } from '@/components/ui/collapsible-panel';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { FormErrorAlert } from '@/components/form/form-alert';
import { QueryErrorAlert } from '@/components/ui/error-alert';
import { SelectField, EmailField, TextField } from '@/components/ui/form-field';
import { ReadOnlyBadge } from '@/components/ui/read-only-badge';
import { LoadingState } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/errors';
import { applyServerErrors, SERVER_ERROR } from '@/lib/form/server-errors';
import { useZodForm } from '@/lib/form/use-zod-form';
import type { FormMessages } from '@/lib/form/zod-messages';
import { useMailSettings } from '../api/get-mail-settings';
import { useUpdateMailSettings } from '../api/update-mail-settings';
import { TestMailForm } from './test-mail-form';

/** The object branch of the PUT body (the other one is `{clear:true}`): the form checks with the server's own rules. */
const serverSettingsSchema = updateMailSettingsRequestSchema.options[1];

interface Draft {
  host: string;
  port: string;
  tlsMode: SmtpTlsMode;
  username: string;
  password: string;
  removePassword: boolean;
  fromAddress: string;
}

/**
 * What is typed, as the request: the port as a number, no user name as null, an empty password
 * keeps the stored one (omitted), "Remove password" removes it (null).
 */
function toRequest(draft: Draft) {
  return {
    host: draft.host,
    port: /^\s*\d+\s*$/.test(draft.port) ? Number(draft.port) : Number.NaN,
    tlsMode: draft.tlsMode,
    username: draft.username === '' ? null : draft.username,
    ...(draft.removePassword
      ? { password: null }
      : draft.password !== ''
        ? { password: draft.password }
        : {}),
    fromAddress: draft.fromAddress,
  };
}

const mailSettingsFormSchema = z.custom<Draft>().transform(toRequest).pipe(serverSettingsSchema);

const MESSAGES: FormMessages = {
  host: { required: 'mail:settings.errors.hostRequired', '*': 'mail:settings.errors.host' },
  port: { '*': 'mail:settings.errors.port' },
  tlsMode: { '*': 'mail:settings.errors.port' },
  username: { '*': 'mail:settings.errors.username' },
  password: { '*': 'mail:settings.errors.password' },
  fromAddress: { required: 'mail:settings.errors.fromRequired', '*': 'mail:settings.errors.from' },
};

function draftOf(settings: MailSettings): Draft {
  return {
    host: settings.host ?? '',
    port: String(settings.port ?? 25),
    tlsMode: settings.tlsMode ?? 'none',
    username: settings.username ?? '',
    password: '',
    removePassword: false,
    fromAddress: settings.fromAddress,
  };
}

/** "host:port", or the host alone when the port is unknown. */
export function serverText(settings: Pick<MailSettings, 'host' | 'port'>): string {
  if (!settings.host) return '';
  return settings.port === null ? settings.host : `${settings.host}:${settings.port}`;
}

/** "Outbound Mail": where mail goes now; administrators set the SMTP server and send a test message. */
export function MailSettingsPanel({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation(['mail', 'common']);
  const query = useMailSettings();

  return (
    <CollapsiblePanel
      title={t('settings.title')}
      aside={canEdit ? undefined : <ReadOnlyBadge label={t('readOnly')} hint={t('readOnlyHint')} />}
      data-testid="mail-settings-panel"
    >
      <div className="space-y-3">
        <p className="text-sm text-gray-700">{t('settings.intro')}</p>
        {query.isPending ? (
          <LoadingState label={t('common:loading')} />
        ) : query.isError ? (
          <QueryErrorAlert query={query} />
        ) : (
          <>
            <SourceText settings={query.data} />
            {canEdit ? (
              <div className="grid gap-6 lg:grid-cols-2">
                <MailSettingsForm settings={query.data} />
                <TestMailForm />
              </div>
            ) : (
              <ReadOnlySettings settings={query.data} />
            )}
          </>
        )}
      </div>
    </CollapsiblePanel>
  );
}

function SourceText({ settings }: { settings: MailSettings }) {
  const { t } = useTranslation('mail');
  const text =
    settings.source === 'none'
      ? t('settings.source.none', { folder: settings.outboxFolder })
      : t(`settings.source.${settings.source}`, { server: serverText(settings) });
  return (
    <p
      className="rounded-md border border-gray-200 bg-gray-50 px-3 py-2 text-sm text-gray-900"
      data-testid="mail-source"
      data-source={settings.source}
    >
      <span className="font-medium">{t('settings.current')}: </span>
      {text}
    </p>
  );
}

function ReadOnlySettings({ settings }: { settings: MailSettings }) {
  const { t } = useTranslation('mail');
  const notSet = t('settings.notSet');
  const rows: [string, string, string][] = [
    ['host', t('settings.host'), settings.host ?? notSet],
    ['port', t('settings.port'), settings.port === null ? notSet : String(settings.port)],
    ['tls', t('settings.tls'), settings.tlsMode ? t(`settings.tlsModes.${settings.tlsMode}`) : notSet],
    ['username', t('settings.username'), settings.username ?? notSet],
    [
      'password',
      t('settings.password'),
      settings.passwordSet ? t('settings.passwordSet') : t('settings.passwordNotSet'),
    ],
    ['from', t('settings.from'), settings.fromAddress],
  ];
  return (
    <dl
      className="grid max-w-xl grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm"
      data-testid="mail-settings-values"
    >
      {rows.map(([key, label, value]) => (
        <div key={key} className="contents">
          <dt className="font-medium text-gray-800">{label}</dt>
          <dd className="text-gray-900 break-all" data-testid={`mail-value-${key}`}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function MailSettingsForm({ settings }: { settings: MailSettings }) {
  const { t } = useTranslation(['mail', 'common']);
  const toast = useToast();
  const update = useUpdateMailSettings();
  // New settings from the server (after a save or a clear) replace what is typed.
  const form = useZodForm(mailSettingsFormSchema, {
    values: draftOf(settings),
    messages: MESSAGES,
    untrimmed: ['password'],
  });
  const { errors } = form.formState;
  const [confirmClear, setConfirmClear] = useState(false);
  // The stored password can be kept or removed only when the server is set here.
  const hasPassword = settings.source === 'options' && settings.passwordSet;
  const [tlsMode, removePassword] = useWatch({ control: form.control, name: ['tlsMode', 'removePassword'] });

  const save = form.handleSubmit(async (request) => {
    try {
      const saved = await update.mutateAsync(request);
      // The cache keeps its old object when nothing visible changed (e.g. a new password), so reset here too.
      form.reset(draftOf(saved));
      toast.success(t('settings.saved', { server: serverText(saved) || serverText(request) }));
    } catch (error) {
      applyServerErrors(form, error);
    }
  });

  const clear = async () => {
    form.clearErrors();
    try {
      await update.mutateAsync({ clear: true });
      toast.success(t('settings.cleared'));
    } catch (error) {
      form.setError(SERVER_ERROR, { message: errorMessage(error) });
    } finally {
      setConfirmClear(false);
    }
  };

  const busy = update.isPending;
  return (
    <>
      <form
        onSubmit={(e) => void save(e)}
        noValidate
        aria-label={t('settings.formLabel')}
        className="space-y-3"
        data-testid="mail-settings-form"
      >
        <div className="grid gap-3 sm:grid-cols-[1fr_8rem]">
          <TextField
            label={t('settings.host')}
            {...form.register('host')}
            error={errors.host?.message}
            hint={t('settings.hostHint')}
            required
            spellCheck={false}
            autoComplete="off"
            maxLength={253}
            disabled={busy}
            placeholder="smtp.example.com"
            data-testid="mail-host"
          />
          <TextField
            label={t('settings.port')}
            {...form.register('port')}
            error={errors.port?.message}
            hint={t(`settings.portHint.${tlsMode}`)}
            required
            inputMode="numeric"
            autoComplete="off"
            maxLength={5}
            disabled={busy}
            data-testid="mail-port"
          />
        </div>
        <SelectField
          label={t('settings.tls')}
          {...form.register('tlsMode')}
          options={SMTP_TLS_MODES.map((m) => ({ value: m, label: t(`settings.tlsModes.${m}`) }))}
          error={errors.tlsMode?.message}
          disabled={busy}
          data-testid="mail-tls"
        />
        <TextField
          label={t('settings.username')}
          {...form.register('username')}
          error={errors.username?.message}
          hint={t('settings.usernameHint')}
          autoComplete="off"
          spellCheck={false}
          maxLength={256}
          disabled={busy}
          data-testid="mail-username"
        />
        <TextField
          label={t('settings.password')}
          type="password"
          {...form.register('password')}
          error={errors.password?.message}
          hint={hasPassword ? t('settings.passwordHint') : t('settings.passwordHintNone')}
          placeholder={hasPassword ? t('settings.passwordSetPlaceholder') : undefined}
          autoComplete="new-password"
          maxLength={256}
          disabled={busy || removePassword}
          data-testid="mail-password"
        />
        {hasPassword && (
          <label className="flex items-center gap-2 text-sm text-gray-800">
            <input
              type="checkbox"
              {...form.register('removePassword', {
                onChange: (e: ChangeEvent<HTMLInputElement>) => {
                  if (e.target.checked) form.setValue('password', '');
                },
              })}
              disabled={busy}
              className="size-4 rounded border-gray-300 focus-visible:outline-2 focus-visible:outline-blue-700"
              data-testid="mail-remove-password"
            />
            {t('settings.removePassword')}
          </label>
        )}
        <EmailField
          label={t('settings.from')}
          {...form.register('fromAddress')}
          error={errors.fromAddress?.message}
          hint={t('settings.fromHint')}
          required
          spellCheck={false}
          autoComplete="off"
          maxLength={254}
          disabled={busy}
          placeholder="oig@example.com"
          data-testid="mail-from"
        />
        <FormErrorAlert errors={errors} />
        <div className="flex flex-wrap gap-2">
          <Button
            type="submit"
            variant="primary"
            busy={busy && !confirmClear}
            disabled={busy}
            data-testid="mail-save"
          >
            {t('settings.save')}
          </Button>
          <Button
            onClick={() => setConfirmClear(true)}
            disabled={busy || settings.source !== 'options'}
            data-testid="mail-clear"
          >
            {t('settings.clear')}
          </Button>
        </div>
      </form>
      <ConfirmDialog
        open={confirmClear}
        title={t('settings.clearTitle')}
        confirmLabel={t('settings.clearConfirm')}
        cancelLabel={t('common:cancel')}
        onConfirm={() => void clear()}
        onCancel={() => setConfirmClear(false)}
        busy={busy}
      >
        {t('settings.clearBody', { folder: settings.outboxFolder })}
      </ConfirmDialog>
    </>
  );
}
