import type { UserListImportReport } from '@oig/shared';
import { useEffect, useId, useRef } from 'react';
import { tdClasses, thClasses } from '@/components/data-table/table-classes';
import { Button } from '@/components/ui/button';
import { ErrorAlert } from '@/components/ui/error-alert';
import { downloadBlob } from '@/lib/download';
import { useFormatters } from '@/lib/format';
import { isAbortError } from '@/lib/upload-file';
import { cx } from '@/lib/class-names';
import { useDownloadUserImportReport } from '../api/download-user-import-report';
import { useMivoiceTranslation } from '../../i18n';
import { rowProblemText } from '../../utils/reasons';
import { uploadErrorMessage } from '../../utils/upload-error';
import { ImportFigures } from './import-figures';

/** Problems listed in the dialog; the downloaded report (CSV) always has every one. */
export const SHOWN_ERRORS = 500;

interface UserImportReportViewProps {
  /** The file checked: the full report is made from it again by the server. */
  file: File;
  report: UserListImportReport;
  /** The choice to apply the good rows of a file with bad rows (only offered when there are some). */
  skipBadRows: boolean;
  onSkipBadRowsChange: (skip: boolean) => void;
  /** Why Apply is disabled (shown, and the Apply button's description). */
  blockedReasonId: string;
  /** The file was sent for real but the server refused to apply it (bad rows found then). */
  notApplied: boolean;
  disabled: boolean;
}

/**
 * The dry run's validation report: what would change, the bad rows (a row can have several
 * problems, one per bad cell) with their lines, the full report as CSV, and the skip choice.
 */
export function UserImportReportView({
  file,
  report,
  skipBadRows,
  onSkipBadRowsChange,
  blockedReasonId,
  notApplied,
  disabled,
}: UserImportReportViewProps) {
  const { t } = useMivoiceTranslation();
  const fmt = useFormatters();
  const skipId = useId();
  const download = useDownloadUserImportReport();
  const downloadController = useRef<AbortController | null>(null);
  // Leaving the report (closing the dialog, another file) stops a download under way.
  useEffect(() => () => downloadController.current?.abort(), []);

  const errors = report.errors;
  // Rows with at least one problem (what "skip bad rows" leaves out), and the problems in all.
  const badRows = report.badRows;
  const problems = report.errorCount;
  // The server lists the first problems (errorCount says how many there are); the dialog shows fewer.
  const shown = errors.length > SHOWN_ERRORS ? errors.slice(0, SHOWN_ERRORS) : errors;
  const rowsText = t('import.report.badRowsTitle', { count: badRows, n: fmt.number(badRows) });
  const title =
    problems === badRows
      ? rowsText
      : t('import.report.titleWithProblems', {
          rows: rowsText,
          problems: t('import.report.problemCount', { count: problems, n: fmt.number(problems) }),
        });

  const saveReport = () => {
    downloadController.current?.abort();
    const controller = new AbortController();
    downloadController.current = controller;
    download.mutate(
      { file, signal: controller.signal },
      { onSuccess: ({ fileName, blob }) => downloadBlob(fileName, blob) },
    );
  };
  const downloadError =
    download.isError && !isAbortError(download.error) ? uploadErrorMessage(download.error) : undefined;

  return (
    <div className="space-y-3" data-testid="import-report">
      <p
        className={`text-sm ${notApplied ? 'font-medium text-red-800' : 'text-gray-700'}`}
        role={notApplied ? 'alert' : undefined}
      >
        {!notApplied
          ? t('import.report.dryRunNote', { file: file.name })
          : report.limitExceeded
            ? t('import.report.notAppliedLimit')
            : t('import.report.notApplied')}
      </p>
      {report.limitExceeded && (
        <ErrorAlert>
          <span data-testid="report-limit">
            {t('import.report.storedLimit', {
              max: fmt.number(Number(report.limitExceeded.params.max)),
              current: fmt.number(Number(report.limitExceeded.params.current)),
              after: fmt.number(Number(report.limitExceeded.params.after)),
            })}
          </span>
        </ErrorAlert>
      )}
      <ImportFigures
        figures={[
          { key: 'rows', label: t('import.report.rows'), value: report.rows },
          { key: 'added', label: t('import.report.added'), value: report.added },
          { key: 'updated', label: t('import.report.updated'), value: report.updated },
          { key: 'deleted', label: t('import.report.deleted'), value: report.deleted },
          { key: 'unchanged', label: t('import.report.unchanged'), value: report.unchanged },
          { key: 'errors', label: t('import.report.badRows'), value: badRows, alarm: true },
        ]}
      />
      {badRows === 0 ? (
        // Over the maximum, no bad row does not mean it can be applied.
        <p
          className={report.limitExceeded ? 'text-sm text-gray-700' : 'text-sm text-green-800'}
          data-testid="report-no-errors"
        >
          {t(report.limitExceeded ? 'import.report.noBadRows' : 'import.report.noErrors')}
        </p>
      ) : (
        <>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h3 className="text-sm font-semibold text-gray-900" data-testid="report-title">
              {title}
            </h3>
            <Button size="sm" onClick={saveReport} busy={download.isPending} data-testid="report-download">
              {t('import.report.download')}
            </Button>
          </div>
          {problems !== badRows && (
            <p className="text-xs text-gray-600">{t('import.report.severalPerRow')}</p>
          )}
          {download.isPending && (
            <p role="status" className="text-xs text-gray-600" data-testid="report-download-pending">
              {t('import.report.downloading')}
            </p>
          )}
          {downloadError && (
            <ErrorAlert>{t('import.report.downloadFailed', { message: downloadError })}</ErrorAlert>
          )}
          <div
            role="region"
            aria-label={t('import.report.problemsLabel')}
            tabIndex={0}
            className={cx(
              'max-h-60 overflow-auto rounded-md border border-gray-200',
              'focus-visible:outline-2 focus-visible:outline-blue-700',
            )}
          >
            <table
              aria-label={t('import.report.problemsLabel')}
              className="w-full border-separate border-spacing-0 text-sm"
              data-testid="report-errors"
            >
              <thead>
                <tr>
                  <th scope="col" className={`${thClasses} w-16`}>
                    {t('import.report.line')}
                  </th>
                  <th scope="col" className={`${thClasses} w-36`}>
                    {t('import.report.column')}
                  </th>
                  <th scope="col" className={thClasses}>
                    {t('import.report.message')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((e, i) => (
                  <tr key={`${e.line}-${i}`} data-testid="report-error-row">
                    <td className={`${tdClasses} tabular-nums`}>{e.line}</td>
                    <td className={`${tdClasses} font-mono text-xs break-all`}>{e.column ?? '—'}</td>
                    <td className={`${tdClasses} break-words`}>{rowProblemText(t, e)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {shown.length < problems && (
            <p className="text-xs text-gray-600" data-testid="report-truncated">
              {t('import.report.truncated', { shown: fmt.number(shown.length), total: fmt.number(problems) })}
            </p>
          )}
          <div className="rounded-md border border-gray-200 bg-gray-50 px-3 py-2">
            <div className="flex items-start gap-2">
              <input
                id={skipId}
                type="checkbox"
                checked={skipBadRows}
                onChange={(e) => onSkipBadRowsChange(e.target.checked)}
                disabled={disabled}
                aria-describedby={`${skipId}-hint`}
                className="mt-0.5 size-4 accent-blue-700"
                data-testid="import-skip-bad-rows"
              />
              <label htmlFor={skipId} className="text-sm font-medium text-gray-900">
                {t('import.report.skip')}
              </label>
            </div>
            <p id={`${skipId}-hint`} className="mt-1 pl-6 text-xs text-gray-600">
              {t('import.report.skipHint', { count: badRows, n: fmt.number(badRows) })}
            </p>
          </div>
          {!skipBadRows && (
            <p id={blockedReasonId} className="text-sm text-amber-900" data-testid="apply-blocked">
              {t('import.report.applyBlocked', { count: badRows, n: fmt.number(badRows) })}
            </p>
          )}
        </>
      )}
    </div>
  );
}
