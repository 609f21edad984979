import {
  SMTP_TLS_MODES,
  updateMailSettingsRequestSchema,
  type MailSettings,
  type SmtpTlsMode,
} from '@oig/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { CollapsiblePanel } from '@/components/ui/collapsible-panel';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorAlert, QueryErrorAlert } from '@/components/ui/error-alert';
import { SelectField, EmailField, TextField } from '@/components/ui/form-field';
import { ReadOnlyBadge } from '@/components/ui/read-only-badge';
import { LoadingState } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { errorMessage, formErrorsOf } from '@/lib/errors';
import { useMailSettings } from '../api/get-mail-settings';
import { useUpdateMailSettings } from '../api/update-mail-settings';
import { TestMailForm } from './test-mail-form';

/** The object branch of the PUT body (the other one is `{clear:true}`): client checks use the server's own rules. */
const serverSettingsSchema = updateMailSettingsRequestSchema.options[1];

type Field = 'host' | 'port' | 'tlsMode' | 'username' | 'password' | 'fromAddress';
const SERVER_NAMES: Readonly<Record<Field, string>> = {
  host: 'host',
  port: 'port',
  tlsMode: 'tlsMode',
  username: 'username',
  password: 'password',
  fromAddress: 'fromAddress',
};

interface Draft {
  host: string;
  port: string;
  tlsMode: SmtpTlsMode;
  username: string;
  password: string;
  removePassword: boolean;
  fromAddress: string;
}

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
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings));
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | undefined>();
  const [confirmClear, setConfirmClear] = useState(false);
  // New settings from the server (after a save or a clear) replace the draft.
  const [shown, setShown] = useState(settings);
  if (shown !== settings) {
    setShown(settings);
    setDraft(draftOf(settings));
    setErrors({});
  }
  // The stored password can be kept or removed only when the server is set here.
  const hasPassword = settings.source === 'options' && settings.passwordSet;

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const clientMessage = (field: Field): string => {
    switch (field) {
      case 'host':
        return draft.host.trim() ? t('settings.errors.host') : t('settings.errors.hostRequired');
      case 'port':
      case 'tlsMode':
        return t('settings.errors.port');
      case 'username':
        return t('settings.errors.username');
      case 'password':
        return t('settings.errors.password');
      case 'fromAddress':
        return draft.fromAddress.trim() ? t('settings.errors.from') : t('settings.errors.fromRequired');
    }
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    update.reset();
    setFormError(undefined);
    const port = /^\s*\d+\s*$/.test(draft.port) ? Number(draft.port) : Number.NaN;
    const body = {
      host: draft.host,
      port,
      tlsMode: draft.tlsMode,
      username: draft.username === '' ? null : draft.username,
      ...(draft.removePassword && hasPassword
        ? { password: null }
        : draft.password !== ''
          ? { password: draft.password }
          : {}),
      fromAddress: draft.fromAddress,
    };
    const parsed = serverSettingsSchema.safeParse(body);
    if (!parsed.success) {
      const next: Partial<Record<Field, string>> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if (typeof field === 'string' && field in SERVER_NAMES && !next[field as Field])
          next[field as Field] = clientMessage(field as Field);
      }
      setErrors(next);
      return;
    }
    setErrors({});
    try {
      const saved = await update.mutateAsync(parsed.data);
      // The cache keeps its old object when nothing visible changed (e.g. a new password), so reset here too.
      setDraft(draftOf(saved));
      toast.success(t('settings.saved', { server: serverText(saved) || serverText(parsed.data) }));
    } catch (error) {
      const shownErrors = formErrorsOf(error, SERVER_NAMES);
      setErrors(shownErrors.fields);
      setFormError(shownErrors.form);
    }
  };

  const clear = async () => {
    update.reset();
    setFormError(undefined);
    try {
      await update.mutateAsync({ clear: true });
      toast.success(t('settings.cleared'));
    } catch (error) {
      setFormError(errorMessage(error));
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
            value={draft.host}
            onChange={(e) => set('host', e.target.value)}
            error={errors.host}
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
            value={draft.port}
            onChange={(e) => set('port', e.target.value)}
            error={errors.port}
            hint={t(`settings.portHint.${draft.tlsMode}`)}
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
          value={draft.tlsMode}
          onChange={(e) => set('tlsMode', e.target.value as SmtpTlsMode)}
          options={SMTP_TLS_MODES.map((m) => ({ value: m, label: t(`settings.tlsModes.${m}`) }))}
          error={errors.tlsMode}
          disabled={busy}
          data-testid="mail-tls"
        />
        <TextField
          label={t('settings.username')}
          value={draft.username}
          onChange={(e) => set('username', e.target.value)}
          error={errors.username}
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
          value={draft.password}
          onChange={(e) => set('password', e.target.value)}
          error={errors.password}
          hint={hasPassword ? t('settings.passwordHint') : t('settings.passwordHintNone')}
          placeholder={hasPassword ? t('settings.passwordSetPlaceholder') : undefined}
          autoComplete="new-password"
          maxLength={256}
          disabled={busy || draft.removePassword}
          data-testid="mail-password"
        />
        {hasPassword && (
          <label className="flex items-center gap-2 text-sm text-gray-800">
            <input
              type="checkbox"
              checked={draft.removePassword}
              onChange={(e) =>
                setDraft((d) => ({
                  ...d,
                  removePassword: e.target.checked,
                  password: e.target.checked ? '' : d.password,
                }))
              }
              disabled={busy}
              className="size-4 rounded border-gray-300 focus-visible:outline-2 focus-visible:outline-blue-700"
              data-testid="mail-remove-password"
            />
            {t('settings.removePassword')}
          </label>
        )}
        <EmailField
          label={t('settings.from')}
          value={draft.fromAddress}
          onChange={(e) => set('fromAddress', e.target.value)}
          error={errors.fromAddress}
          hint={t('settings.fromHint')}
          required
          spellCheck={false}
          autoComplete="off"
          maxLength={254}
          disabled={busy}
          placeholder="oig@example.com"
          data-testid="mail-from"
        />
        {formError && <ErrorAlert>{formError}</ErrorAlert>}
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
