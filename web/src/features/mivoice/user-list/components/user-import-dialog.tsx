import type { ImportMode, UserListImportReport } from '@oig/shared';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Dialog } from '@/components/ui/dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { FileField } from '@/components/ui/file-field';
import { ProgressBar } from '@/components/ui/progress-bar';
import { useFormatters } from '@/lib/format';
import { isAbortError, type UploadProgress } from '@/lib/upload-file';
import { useImportUserList } from '../api/import-user-list';
import { useMivoiceTranslation } from '../../i18n';
import { uploadErrorMessage } from '../../utils/upload-error';
import { checkUserListFile, type UserListFileCheck } from '../utils/user-list-file';
import { ImportFigures } from './import-figures';
import { UploadProgressView } from '../../components/upload-progress';
import { UserFileCheckView } from './user-file-check-view';
import { UserImportReportView } from './user-import-report-view';

type Step =
  | { kind: 'choose' }
  | { kind: 'checking'; file: File; progress: number }
  | { kind: 'checked'; file: File; check: UserListFileCheck }
  | {
      kind: 'uploading';
      file: File;
      check: UserListFileCheck;
      dryRun: boolean;
      progress: UploadProgress | null;
      previous: UserListImportReport | null;
    }
  | {
      kind: 'report';
      file: File;
      check: UserListFileCheck;
      report: UserListImportReport;
      notApplied: boolean;
    }
  | { kind: 'done'; file: File; report: UserListImportReport };

const UNREADABLE: UserListFileCheck = {
  rows: null,
  delimiter: ',',
  encoding: 'utf-8',
  columns: [],
  errors: [{ kind: 'unreadable' }],
  warnings: [],
};

/**
 * Add → choose a CSV file → checked in the browser (header, rows; progress) → Upload (a dry run,
 * strict: nothing changes; upload progress) → the validation report (from which another file can
 * be chosen, e.g. once fixed) → Apply (strict, or skipping the bad rows by explicit choice;
 * confirmed first when phone numbers would be deleted) → Done with the figures. Closing the
 * dialog cancels a check or a dry run under way; the real import cannot be cancelled once sent.
 */
export function UserImportDialog({ onClose }: { onClose: () => void }) {
  const { t } = useMivoiceTranslation();
  const fmt = useFormatters();
  const importList = useImportUserList();
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [uploadError, setUploadError] = useState<string | undefined>();
  const [skipBadRows, setSkipBadRows] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const controller = useRef<AbortController | null>(null);
  const stepRef = useRef<HTMLDivElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const focusFileChooser = useRef(false);
  const blockedId = useId();

  // Closing the dialog stops the check or the dry-run upload under way.
  useEffect(() => () => controller.current?.abort(), []);
  // Each new step is announced from its start (focus moves to it, never to the page behind).
  useEffect(() => {
    if (step.kind !== 'choose' && step.kind !== 'checking') stepRef.current?.focus();
    // Back from the report to choosing a file: focus the file chooser (the button pressed is gone).
    if (step.kind === 'choose' && focusFileChooser.current) {
      focusFileChooser.current = false;
      fileRef.current?.focus();
    }
  }, [step.kind]);

  const fresh = () => {
    controller.current?.abort();
    controller.current = new AbortController();
    return controller.current.signal;
  };

  const choose = async (file: File | null) => {
    if (!file) return;
    const signal = fresh();
    setUploadError(undefined);
    setSkipBadRows(false);
    setStep({ kind: 'checking', file, progress: 0 });
    let check: UserListFileCheck;
    try {
      check = await checkUserListFile(file, {
        signal,
        onProgress: (progress) =>
          setStep((s) => (s.kind === 'checking' && s.file === file ? { ...s, progress } : s)),
      });
    } catch (error) {
      if (isAbortError(error)) return;
      check = UNREADABLE;
    }
    if (!signal.aborted) setStep({ kind: 'checked', file, check });
  };

  const send = async (
    file: File,
    check: UserListFileCheck,
    dryRun: boolean,
    mode: ImportMode,
    previous: UserListImportReport | null,
  ) => {
    const signal = fresh();
    setUploadError(undefined);
    setStep({ kind: 'uploading', file, check, dryRun, progress: null, previous });
    try {
      const report = await importList.mutateAsync({
        file,
        mode,
        dryRun,
        // Once the real import is sent it runs to the end on the server: it is not aborted.
        signal: dryRun ? signal : undefined,
        onProgress: (progress) => setStep((s) => (s.kind === 'uploading' ? { ...s, progress } : s)),
      });
      if (dryRun) setStep({ kind: 'report', file, check, report, notApplied: false });
      else if (report.applied) setStep({ kind: 'done', file, report });
      else setStep({ kind: 'report', file, check, report, notApplied: true });
    } catch (error) {
      if (isAbortError(error)) {
        setStep({ kind: 'checked', file, check });
        return;
      }
      setUploadError(uploadErrorMessage(error));
      setStep(
        previous
          ? { kind: 'report', file, check, report: previous, notApplied: false }
          : { kind: 'checked', file, check },
      );
    }
  };

  const cancelUpload = () => {
    controller.current?.abort();
  };

  const chooseAnother = () => {
    controller.current?.abort();
    setUploadError(undefined);
    setSkipBadRows(false);
    focusFileChooser.current = true;
    setStep({ kind: 'choose' });
  };

  const apply = (file: File, check: UserListFileCheck, report: UserListImportReport) => {
    setConfirmingDelete(false);
    void send(file, check, false, report.badRows > 0 ? 'skip' : 'strict', report);
  };

  const busy = step.kind === 'uploading' && !step.dryRun;

  let body: ReactNode = null;
  let footer: ReactNode;
  const cancel = (
    <Button onClick={onClose} data-testid="import-cancel">
      {t('common:cancel')}
    </Button>
  );

  switch (step.kind) {
    case 'choose':
      footer = cancel;
      break;
    case 'checking':
      body = (
        <div className="space-y-2" data-testid="file-reading">
          <p className="text-sm font-medium text-gray-800">{t('import.reading', { file: step.file.name })}</p>
          <ProgressBar
            value={step.progress}
            label={t('import.reading', { file: step.file.name })}
            valueText={fmt.percent(step.progress)}
          />
        </div>
      );
      footer = cancel;
      break;
    case 'checked': {
      const { file, check } = step;
      body = <UserFileCheckView file={file} check={check} />;
      footer = (
        <>
          {cancel}
          <Button
            variant="primary"
            onClick={() => void send(file, check, true, 'strict', null)}
            disabled={check.errors.length > 0}
            data-testid="import-upload"
          >
            {t('import.upload')}
          </Button>
        </>
      );
      break;
    }
    case 'uploading':
      body = (
        <UploadProgressView
          label={
            step.dryRun
              ? t('import.uploading', { file: step.file.name })
              : t('import.applying', { file: step.file.name })
          }
          progress={step.progress}
          serverText={step.dryRun ? t('import.serverChecking') : t('import.serverApplying')}
        />
      );
      footer = step.dryRun ? (
        <Button onClick={cancelUpload} data-testid="import-cancel-upload">
          {t('import.cancelUpload')}
        </Button>
      ) : (
        <Button disabled>{t('common:cancel')}</Button>
      );
      break;
    case 'report': {
      const { file, check, report } = step;
      const hasErrors = report.badRows > 0;
      // Over the list's maximum nothing can be applied, skipping or not (the report says why).
      const blocked = (hasErrors && !skipBadRows) || report.limitExceeded !== null;
      body = (
        <UserImportReportView
          file={file}
          report={report}
          skipBadRows={skipBadRows}
          onSkipBadRowsChange={setSkipBadRows}
          blockedReasonId={blockedId}
          notApplied={step.notApplied}
          disabled={false}
        />
      );
      footer = (
        <>
          {cancel}
          <Button onClick={chooseAnother} data-testid="import-choose-another">
            {t('import.chooseAnother')}
          </Button>
          <Button
            variant="primary"
            onClick={() => (report.deleted > 0 ? setConfirmingDelete(true) : apply(file, check, report))}
            disabled={blocked}
            aria-describedby={blocked ? blockedId : undefined}
            data-testid="import-apply"
          >
            {hasErrors && skipBadRows ? t('import.applySkipping') : t('import.apply')}
          </Button>
        </>
      );
      break;
    }
    case 'done': {
      const { report } = step;
      body = (
        <div className="space-y-3" data-testid="import-done">
          <p role="status" className="text-sm font-medium text-green-800">
            {t('import.doneText', { file: step.file.name })}
          </p>
          <ImportFigures
            figures={[
              { key: 'added', label: t('import.doneFigures.added'), value: report.added },
              { key: 'updated', label: t('import.doneFigures.updated'), value: report.updated },
              { key: 'deleted', label: t('import.doneFigures.deleted'), value: report.deleted },
              { key: 'unchanged', label: t('import.doneFigures.unchanged'), value: report.unchanged },
              ...(report.badRows > 0
                ? [{ key: 'skipped', label: t('import.doneFigures.skipped'), value: report.badRows }]
                : []),
            ]}
          />
        </div>
      );
      footer = (
        <Button variant="primary" onClick={onClose} data-testid="import-done-button">
          {t('import.done')}
        </Button>
      );
      break;
    }
  }

  const picking = step.kind === 'choose' || step.kind === 'checking' || step.kind === 'checked';
  const toConfirm = confirmingDelete && step.kind === 'report' ? step : null;
  return (
    <>
      <Dialog
        open
        title={t('import.title')}
        description={t('import.intro')}
        onClose={onClose}
        busy={busy}
        size="lg"
        testId="user-import-dialog"
        footer={footer}
      >
        {picking && (
          <FileField
            label={t('import.file')}
            hint={t('import.fileHint')}
            accept=".csv,text/csv"
            onFile={(file) => void choose(file)}
            inputRef={fileRef}
            data-testid="import-file"
          />
        )}
        {uploadError && <ErrorAlert>{uploadError}</ErrorAlert>}
        {body && (
          <div ref={stepRef} tabIndex={-1} className="outline-none" data-step={step.kind}>
            {body}
          </div>
        )}
      </Dialog>
      {toConfirm && (
        <ConfirmDialog
          open
          title={t('import.confirmDelete.title', {
            count: toConfirm.report.deleted,
            n: fmt.number(toConfirm.report.deleted),
          })}
          confirmLabel={t('import.confirmDelete.confirm')}
          cancelLabel={t('common:cancel')}
          onConfirm={() => apply(toConfirm.file, toConfirm.check, toConfirm.report)}
          onCancel={() => setConfirmingDelete(false)}
        >
          {t('import.confirmDelete.body', {
            count: toConfirm.report.deleted,
            n: fmt.number(toConfirm.report.deleted),
            file: toConfirm.file.name,
          })}
        </ConfirmDialog>
      )}
    </>
  );
}
