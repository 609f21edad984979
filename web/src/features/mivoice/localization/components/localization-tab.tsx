import {
  LOCALIZATION_APP_NAMES,
  type LanguageCode,
  type LocalizationApp,
  type LocalizationLanguage,
} from '@oig/shared';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { DataTable } from '@/components/data-table/data-table';
import { MailDeliveryNote } from '@/components/mail-delivery-note';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { DownloadButton } from '@/components/ui/download-button';
import { ErrorAlert, QueryErrorAlert } from '@/components/ui/error-alert';
import { inputClasses } from '@/components/ui/form-field';
import { SegmentedControl } from '@/components/ui/segmented-control';
import { LoadingState } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/errors';
import { useFormatters } from '@/lib/format';
import { mailOutcomeToast } from '@/lib/mail-delivery';
import { useDeleteLanguage } from '../api/delete-language';
import { useEmailLanguageStrings } from '../api/email-language-strings';
import { getLanguageExportFileName, getLanguageExportUrl } from '../api/export-language';
import { useLocalization } from '../api/get-localization';
import { useMivoiceSettings } from '../../settings/api/get-mivoice-settings';
import { useMivoiceTranslation } from '../../i18n';
import { languageName } from '../utils/language-names';
import { EmailExportButton } from '../../components/email-export-button';
import { useLanguageColumns, type LanguageRow } from './language-columns';
import { LocalizationImportDialog } from './localization-import-dialog';

const NO_LANGUAGES: readonly LocalizationLanguage[] = [];
const APP_ORDER: readonly LocalizationApp[] = ['salesforce', 'google'];

/**
 * "Localization": an application's languages (completeness, download, delete), Email Language
 * Strings, Download and Add.
 */
export function LocalizationTab({ canEdit }: { canEdit: boolean }) {
  const { t } = useMivoiceTranslation();
  const fmt = useFormatters();
  const toast = useToast();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const app: LocalizationApp = params.get('app') === 'salesforce' ? 'salesforce' : 'google';
  const query = useLocalization();
  const settings = useMivoiceSettings();
  const email = useEmailLanguageStrings();
  const remove = useDeleteLanguage();
  const [chosenLang, setChosenLang] = useState<LanguageCode>('en');
  const [importing, setImporting] = useState(false);
  const [deleting, setDeleting] = useState<LanguageRow | null>(null);
  // After a deletion its row (and the Delete button that had focus) goes: focus moves to a stable control.
  const [deletedCode, setDeletedCode] = useState<LanguageCode | null>(null);
  const langRef = useRef<HTMLSelectElement>(null);

  const setApp = (next: LocalizationApp) => {
    email.reset();
    setParams(
      (previous) => {
        const updated = new URLSearchParams(previous);
        updated.set('app', next);
        return updated;
      },
      { replace: true },
    );
  };

  const languages = query.data?.applications.find((a) => a.application === app)?.languages ?? NO_LANGUAGES;
  const rows = useMemo<LanguageRow[]>(
    () => languages.map((l) => ({ ...l, displayName: languageName(l.code, fmt.language, l.name) })),
    [languages, fmt.language],
  );
  // The language chosen for Email / Download, if this application has it; English otherwise.
  const lang: LanguageCode = rows.some((l) => l.code === chosenLang) ? chosenLang : 'en';
  const langName = rows.find((l) => l.code === lang)?.displayName ?? languageName(lang, fmt.language, lang);
  const appName = LOCALIZATION_APP_NAMES[app];
  const adminEmail = settings.data?.adminEmail;

  useEffect(() => {
    if (deletedCode && !rows.some((l) => l.code === deletedCode)) {
      langRef.current?.focus();
      // Focus can move only once the row is gone from the DOM, hence an effect; one extra render.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setDeletedCode(null);
    }
  }, [deletedCode, rows]);

  const onDelete = useCallback((l: LanguageRow) => setDeleting(l), []);
  const columns = useLanguageColumns(app, canEdit ? onDelete : undefined);
  const getSearchText = useCallback(
    (l: LanguageRow) => `${l.displayName}\n${l.code}\n${l.name}\n${l.fileName ?? ''}\n${l.importedBy ?? ''}`,
    [],
  );

  const send = async () => {
    try {
      const queued = await email.mutateAsync({ app, lang });
      const said = mailOutcomeToast(
        queued.mail,
        t('email.stringsQueued', { language: langName, app: appName, to: queued.to }),
      );
      if (said.toFile) toast.show(said.text, 'info');
      else toast.success(said.text);
    } catch {
      // Shown under the toolbar (email.error).
    }
  };

  const confirmDelete = async () => {
    if (!deleting) return;
    const name = t('localization.languageWithCode', { language: deleting.displayName, code: deleting.code });
    try {
      await remove.mutateAsync({ app, lang: deleting.code });
      setDeletedCode(deleting.code);
      toast.success(t('localization.deleted', { language: name, app: appName }));
    } catch (error) {
      toast.error(t('localization.deleteFailed', { language: name, message: errorMessage(error) }));
    } finally {
      setDeleting(null);
    }
  };

  return (
    <div className="space-y-3" data-testid="localization-tab">
      <p className="text-sm text-gray-700">{t('localization.intro')}</p>
      <SegmentedControl
        legend={t('localization.application')}
        options={APP_ORDER.map((a) => ({ value: a, label: t(`localization.apps.${a}`) }))}
        value={app}
        onChange={setApp}
        testIdPrefix="localization-app"
      />
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={`${id}-lang`} className="text-sm font-medium text-gray-800">
          {t('localization.language')}
        </label>
        <select
          ref={langRef}
          id={`${id}-lang`}
          value={lang}
          onChange={(e) => setChosenLang(e.target.value as LanguageCode)}
          className={`${inputClasses} w-56`}
          data-testid="localization-language"
        >
          {(rows.length > 0 ? rows : [{ code: 'en' as const, displayName: langName }]).map((l) => (
            <option key={l.code} value={l.code}>
              {t('localization.languageWithCode', { language: l.displayName, code: l.code })}
            </option>
          ))}
        </select>
        <DownloadButton
          url={getLanguageExportUrl(app, lang)}
          fileName={getLanguageExportFileName(app, lang)}
          data-testid="localization-download"
        >
          {t('localization.download')}
        </DownloadButton>
        {canEdit && (
          <EmailExportButton
            label={t('localization.emailStrings')}
            adminEmail={adminEmail}
            hint={t('email.stringsHint', { language: langName, app: appName, email: adminEmail ?? '' })}
            needsAddress={t('email.needsAddress')}
            onSend={() => void send()}
            busy={email.isPending}
            testId="localization-email"
          />
        )}
        {canEdit && (
          <Button
            variant="primary"
            className="ml-auto"
            onClick={() => setImporting(true)}
            data-testid="localization-add"
          >
            {t('localization.add')}
          </Button>
        )}
      </div>
      {canEdit && <MailDeliveryNote testId="localization-email-delivery-note" />}
      {canEdit && email.isError && <ErrorAlert>{errorMessage(email.error)}</ErrorAlert>}

      {query.isError && <QueryErrorAlert query={query} />}
      {query.isPending ? (
        <LoadingState label={t('common:loading')} />
      ) : (
        <DataTable
          data={rows}
          columns={columns}
          getRowId={(l) => l.code}
          getSearchText={getSearchText}
          label={t('localization.tableLabel', { app: appName })}
          filterLabel={t('localization.filterLabel')}
          countText={(shown, total) =>
            shown === total
              ? t('localization.count', { count: total })
              : t('localization.countFiltered', { shown, count: total })
          }
          emptyText={t('localization.empty')}
          noMatchesText={t('localization.noMatches')}
          initialSorting={[{ id: 'language', desc: false }]}
          rowHeight={44}
          testId="languages-table"
        />
      )}

      {importing && (
        <LocalizationImportDialog
          onClose={(importedApp) => {
            setImporting(false);
            if (importedApp && importedApp !== app) setApp(importedApp);
          }}
        />
      )}
      {canEdit && (
        <ConfirmDialog
          open={deleting !== null}
          title={
            deleting
              ? t('localization.deleteTitle', { language: deleting.displayName, code: deleting.code })
              : ''
          }
          confirmLabel={t('localization.delete')}
          cancelLabel={t('common:cancel')}
          onConfirm={() => void confirmDelete()}
          onCancel={() => setDeleting(null)}
          busy={remove.isPending}
        >
          {deleting && t('localization.deleteBody', { language: deleting.displayName, app: appName })}
        </ConfirmDialog>
      )}
    </div>
  );
}
