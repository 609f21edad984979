import {
  BACKUP_PASSPHRASE_MAX,
  BACKUP_PASSPHRASE_MIN,
  backupRequestSchema,
  type RestoreReport,
} from '@oig/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormErrorAlert } from '@/components/form/form-alert';
import { Button } from '@/components/ui/button';
import { CollapsiblePanel } from '@/components/ui/collapsible-panel';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { FileField } from '@/components/ui/file-field';
import { TextField } from '@/components/ui/form-field';
import { ReadOnlyBadge } from '@/components/ui/read-only-badge';
import { useToast } from '@/components/ui/toast';
import { tableClasses, tdClasses, thClasses } from '@/components/data-table/table-classes';
import { downloadBlob } from '@/lib/download';
import { errorMessage } from '@/lib/errors';
import { withConfirmation } from '@/lib/form/confirmation';
import { applyServerErrors } from '@/lib/form/server-errors';
import { useZodForm } from '@/lib/form/use-zod-form';
import type { FormMessages } from '@/lib/form/zod-messages';
import { useFormatters } from '@/lib/format';
import { useMakeBackup } from '../api/make-backup';
import { useRestoreBackup } from '../api/restore-backup';

const makeSchema = withConfirmation(backupRequestSchema, 'passphrase');
const MESSAGES: FormMessages = {
  passphrase: {
    required: 'options:backup.errors.passphraseRequired',
    tooShort: 'options:backup.errors.passphraseShort',
    tooLong: 'options:backup.errors.passphraseLong',
  },
  confirm: { passwordMismatch: 'options:backup.errors.passphraseMismatch' },
};

/**
 * Options → Backup and Restore (administrators; support users see what it is, read-only): a
 * backup of the whole configuration, encrypted with a passphrase typed twice, downloaded; a
 * restore checks the file first (what changes, section by section), then applies it after a
 * confirmation.
 */
export function BackupPanel({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation(['options', 'common']);
  return (
    <CollapsiblePanel
      title={t('backup.title')}
      aside={canEdit ? undefined : <ReadOnlyBadge label={t('readOnly')} hint={t('backup.adminOnly')} />}
      data-testid="backup-panel"
    >
      <div className="max-w-3xl space-y-4">
        <p className="text-sm text-gray-700">{t('backup.intro')}</p>
        <p className="text-xs text-gray-600">{t('backup.notIncluded')}</p>
        {canEdit ? (
          <>
            <MakeBackup />
            <RestoreBackup />
          </>
        ) : (
          <p className="text-sm text-gray-700" data-testid="backup-admin-only">
            {t('backup.adminOnly')}
          </p>
        )}
      </div>
    </CollapsiblePanel>
  );
}

function MakeBackup() {
  const { t } = useTranslation(['options', 'common']);
  const toast = useToast();
  const make = useMakeBackup();
  const form = useZodForm(makeSchema, {
    defaultValues: { passphrase: '', confirm: '' },
    messages: MESSAGES,
    untrimmed: ['passphrase', 'confirm'],
  });
  const { errors } = form.formState;
  const submit = form.handleSubmit(async ({ passphrase }) => {
    try {
      const file = await make.mutateAsync(passphrase);
      const name = file.fileName ?? 'oig-backup.oigbackup';
      downloadBlob(name, file.blob);
      form.reset();
      toast.success(t('backup.made', { file: name }));
    } catch (error) {
      applyServerErrors(form, error);
    }
  });
  return (
    <form
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-label={t('backup.makeTitle')}
      className="space-y-3"
      data-testid="backup-make-form"
    >
      <h3 className="text-sm font-semibold text-gray-900">{t('backup.makeTitle')}</h3>
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          label={t('backup.passphrase')}
          type="password"
          autoComplete="new-password"
          required
          hint={t('backup.passphraseHint', { min: BACKUP_PASSPHRASE_MIN, max: BACKUP_PASSPHRASE_MAX })}
          {...form.register('passphrase')}
          error={errors.passphrase?.message}
          disabled={make.isPending}
          data-testid="backup-passphrase"
        />
        <TextField
          label={t('backup.confirmPassphrase')}
          type="password"
          autoComplete="new-password"
          required
          {...form.register('confirm')}
          error={errors.confirm?.message}
          disabled={make.isPending}
          data-testid="backup-passphrase-confirm"
        />
      </div>
      <FormErrorAlert errors={errors} />
      <Button type="submit" variant="primary" busy={make.isPending} data-testid="backup-make">
        {t('backup.make')}
      </Button>
    </form>
  );
}

function RestoreBackup() {
  const { t } = useTranslation(['options', 'common']);
  const toast = useToast();
  const restore = useRestoreBackup();
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [preview, setPreview] = useState<RestoreReport | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const forget = () => {
    setPreview(null);
    setProblem(null);
    restore.reset();
  };

  const check = async (e: FormEvent) => {
    e.preventDefault();
    forget();
    if (!file) {
      setProblem(t('backup.errors.fileRequired'));
      return;
    }
    if (passphrase.length < BACKUP_PASSPHRASE_MIN) {
      setProblem(t('backup.errors.passphraseShort', { min: BACKUP_PASSPHRASE_MIN }));
      return;
    }
    try {
      setPreview(await restore.mutateAsync({ file, passphrase, dryRun: true }));
    } catch (error) {
      setProblem(errorMessage(error));
    }
  };

  const apply = async () => {
    if (!file) return;
    try {
      await restore.mutateAsync({ file, passphrase, dryRun: false });
      toast.success(t('backup.restored', { file: file.name }));
      setPreview(null);
      setPassphrase('');
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setConfirming(false);
    }
  };

  return (
    <div className="space-y-3 border-t border-gray-100 pt-4">
      <form
        onSubmit={(e) => void check(e)}
        noValidate
        aria-label={t('backup.restoreTitle')}
        className="space-y-3"
        data-testid="backup-restore-form"
      >
        <h3 className="text-sm font-semibold text-gray-900">{t('backup.restoreTitle')}</h3>
        <div className="grid gap-3 sm:grid-cols-2">
          <FileField
            label={t('backup.file')}
            required
            accept=".oigbackup,application/octet-stream"
            onFile={(f) => {
              setFile(f);
              forget();
            }}
            disabled={restore.isPending}
            data-testid="backup-file"
          />
          <TextField
            label={t('backup.passphrase')}
            type="password"
            autoComplete="off"
            required
            value={passphrase}
            onChange={(e) => {
              setPassphrase(e.target.value);
              forget();
            }}
            disabled={restore.isPending}
            data-testid="backup-restore-passphrase"
          />
        </div>
        <Button type="submit" busy={restore.isPending && !confirming} data-testid="backup-check">
          {t('backup.check')}
        </Button>
      </form>
      {problem && (
        <ErrorAlert>
          <span data-testid="backup-error">{problem}</span>
        </ErrorAlert>
      )}
      {preview && <Preview report={preview} onRestore={() => setConfirming(true)} busy={restore.isPending} />}
      <ConfirmDialog
        open={confirming}
        title={t('backup.confirmTitle')}
        confirmLabel={t('backup.confirmButton')}
        cancelLabel={t('common:cancel')}
        onConfirm={() => void apply()}
        onCancel={() => setConfirming(false)}
        busy={restore.isPending}
      >
        {preview?.signsYouOut ? t('backup.confirmBodySignOut') : t('backup.confirmBody')}
      </ConfirmDialog>
    </div>
  );
}

function Preview({
  report,
  onRestore,
  busy,
}: {
  report: RestoreReport;
  onRestore: () => void;
  busy: boolean;
}) {
  const { t } = useTranslation(['options', 'common']);
  const fmt = useFormatters();
  const changes = report.sections.reduce((n, s) => n + s.added + s.changed + s.removed, 0);
  return (
    <div className="space-y-3" data-testid="backup-preview">
      <h3 className="text-sm font-semibold text-gray-900">{t('backup.previewTitle')}</h3>
      <p className="text-sm text-gray-700">
        {t('backup.previewIntro', {
          date: fmt.dateTime(report.createdAt),
          version: report.productVersion,
        })}
      </p>
      <div className="overflow-x-auto rounded-md border border-gray-200">
        <table className={tableClasses}>
          <caption className="sr-only">{t('backup.previewTitle')}</caption>
          <thead>
            <tr>
              <th scope="col" className={thClasses}>
                {t('backup.columns.section')}
              </th>
              <th scope="col" className={`${thClasses} text-right`}>
                {t('backup.columns.added')}
              </th>
              <th scope="col" className={`${thClasses} text-right`}>
                {t('backup.columns.changed')}
              </th>
              <th scope="col" className={`${thClasses} text-right`}>
                {t('backup.columns.removed')}
              </th>
              <th scope="col" className={`${thClasses} text-right`}>
                {t('backup.columns.unchanged')}
              </th>
              <th scope="col" className={thClasses}>
                {t('backup.columns.examples')}
              </th>
            </tr>
          </thead>
          <tbody>
            {report.sections.map((s) => (
              <tr key={s.section} data-testid={`backup-section-${s.section}`}>
                <th scope="row" className={`${tdClasses} text-left font-medium`}>
                  {t(`backup.sections.${s.section}`)}
                </th>
                <td className={`${tdClasses} text-right tabular-nums`}>{fmt.number(s.added)}</td>
                <td className={`${tdClasses} text-right tabular-nums`}>{fmt.number(s.changed)}</td>
                <td className={`${tdClasses} text-right tabular-nums`}>{fmt.number(s.removed)}</td>
                <td className={`${tdClasses} text-right tabular-nums`}>{fmt.number(s.unchanged)}</td>
                <td className={`${tdClasses} break-words`}>
                  {[
                    ...s.examples.added.map((x) => `+ ${x}`),
                    ...s.examples.changed.map((x) => `~ ${x}`),
                    ...s.examples.removed.map((x) => `− ${x}`),
                  ].join(', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {changes === 0 && (
        <p className="text-sm text-gray-700" data-testid="backup-no-changes">
          {t('backup.noChanges')}
        </p>
      )}
      {report.passwordsChanged > 0 && (
        <p className="text-sm font-medium text-amber-800" data-testid="backup-passwords-changed">
          {t('backup.consequences.passwordsChanged', { count: report.passwordsChanged })}
        </p>
      )}
      {report.signsYouOut && (
        <p className="text-sm font-medium text-amber-800" data-testid="backup-signs-you-out">
          {t('backup.signsYouOut')}
        </p>
      )}
      <Button variant="danger" onClick={onRestore} disabled={busy} data-testid="backup-restore">
        {t('backup.restore')}
      </Button>
    </div>
  );
}
