import {
  LANGUAGE_CODES,
  LOCALIZATION_APP_NAMES,
  LOCALIZATION_MAX_BYTES,
  type LocalizationApp,
  type LocalizationImportReport,
} from '@oig/shared';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { FileField } from '@/components/ui/file-field';
import { useFormatters } from '@/lib/format';
import type { UploadProgress } from '@/lib/upload-file';
import { useImportLocalization } from '../api/import-localization';
import { useMivoiceTranslation } from '../../i18n';
import { languageName } from '../utils/language-names';
import { expectedFileName, parseLocalizationFileName } from '../utils/localization-file-name';
import { formatBytes } from '../../utils/read-file';
import { uploadErrorMessage } from '../../utils/upload-error';
import { LocalizationReportView } from './localization-report-view';
import { UploadProgressView } from '../../components/upload-progress';

type Step =
  | { kind: 'choose'; file: File | null }
  | { kind: 'uploading'; file: File; progress: UploadProgress | null }
  | { kind: 'report'; file: File; report: LocalizationImportReport };

interface LocalizationImportDialogProps {
  /** `importedApp`: the application whose strings were stored, so the tab can show it. */
  onClose: (importedApp?: LocalizationApp) => void;
}

/**
 * Add → choose a translated file (its name is checked here: application and language code) →
 * Upload (progress) → the report: errors (nothing stored) or warnings (missing keys fall back to
 * English) → Done.
 */
export function LocalizationImportDialog({ onClose }: LocalizationImportDialogProps) {
  const { t } = useMivoiceTranslation();
  const fmt = useFormatters();
  const importStrings = useImportLocalization();
  const [step, setStep] = useState<Step>({ kind: 'choose', file: null });
  const [uploadError, setUploadError] = useState<string | undefined>();
  const stepRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (step.kind === 'report') stepRef.current?.focus();
  }, [step.kind]);

  const codes = LANGUAGE_CODES.join(', ');
  const file = step.file;
  const name = file ? parseLocalizationFileName(file.name) : null;
  let fileError: string | undefined;
  if (file && name) {
    if (!name.ok && name.reason === 'pattern') {
      fileError = t('locImport.badName', {
        name: file.name,
        google: expectedFileName('google'),
        salesforce: expectedFileName('salesforce'),
        codes,
      });
    } else if (!name.ok) {
      fileError = t('locImport.badLanguage', { code: name.code, codes });
    } else if (file.size === 0) {
      fileError = t('locImport.empty');
    } else if (file.size > LOCALIZATION_MAX_BYTES) {
      fileError = t('locImport.tooLarge', {
        size: formatBytes(file.size, fmt.language),
        max: formatBytes(LOCALIZATION_MAX_BYTES, fmt.language),
      });
    }
  }

  const upload = async (chosen: File) => {
    setUploadError(undefined);
    setStep({ kind: 'uploading', file: chosen, progress: null });
    try {
      const report = await importStrings.mutateAsync({
        file: chosen,
        onProgress: (progress) => setStep((s) => (s.kind === 'uploading' ? { ...s, progress } : s)),
      });
      setStep({ kind: 'report', file: chosen, report });
    } catch (error) {
      setUploadError(uploadErrorMessage(error));
      setStep({ kind: 'choose', file: chosen });
    }
  };

  const cancel = (
    <Button onClick={() => onClose()} disabled={step.kind === 'uploading'} data-testid="loc-import-cancel">
      {t('common:cancel')}
    </Button>
  );

  let body: ReactNode = null;
  let footer: ReactNode;
  switch (step.kind) {
    case 'choose':
      body =
        file && name?.ok && !fileError ? (
          <p className="text-sm text-gray-800" data-testid="loc-import-target">
            {t('locImport.target', {
              app: LOCALIZATION_APP_NAMES[name.app],
              language: languageName(name.lang, fmt.language, name.lang),
              code: name.lang,
            })}
          </p>
        ) : null;
      footer = (
        <>
          {cancel}
          <Button
            variant="primary"
            onClick={() => file && void upload(file)}
            disabled={!file || Boolean(fileError)}
            data-testid="loc-import-upload"
          >
            {t('locImport.upload')}
          </Button>
        </>
      );
      break;
    case 'uploading':
      body = (
        <UploadProgressView
          label={t('locImport.uploading', { file: step.file.name })}
          progress={step.progress}
          serverText={t('locImport.serverChecking')}
        />
      );
      footer = cancel;
      break;
    case 'report': {
      const { report } = step;
      body = <LocalizationReportView report={report} />;
      footer = report.stored ? (
        <Button variant="primary" onClick={() => onClose(report.application)} data-testid="loc-import-done">
          {t('locImport.done')}
        </Button>
      ) : (
        <>
          {cancel}
          <Button
            variant="primary"
            onClick={() => setStep({ kind: 'choose', file: null })}
            data-testid="loc-import-again"
          >
            {t('locImport.chooseAnother')}
          </Button>
        </>
      );
      break;
    }
  }

  return (
    <Dialog
      open
      title={t('locImport.title')}
      description={t('locImport.intro')}
      onClose={() => onClose()}
      busy={step.kind === 'uploading'}
      size="lg"
      testId="localization-import-dialog"
      footer={footer}
    >
      {step.kind === 'choose' && (
        <FileField
          label={t('locImport.file')}
          hint={t('locImport.fileHint', {
            google: expectedFileName('google'),
            salesforce: expectedFileName('salesforce'),
          })}
          error={fileError}
          accept=".csv,text/csv"
          onFile={(chosen) => {
            if (!chosen) return;
            setUploadError(undefined);
            setStep({ kind: 'choose', file: chosen });
          }}
          data-testid="loc-import-file"
        />
      )}
      {uploadError && <ErrorAlert>{uploadError}</ErrorAlert>}
      {body && (
        <div ref={stepRef} tabIndex={-1} className="outline-none" data-step={step.kind}>
          {body}
        </div>
      )}
    </Dialog>
  );
}
