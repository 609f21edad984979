import {
  importReportFileName,
  LOCALIZATION_APP_NAMES,
  type LocalizationImportReport,
  type LocalizationIssue,
} from '@oig/shared';
import { tdClasses, thClasses } from '@/components/data-table/table-classes';
import { Button } from '@/components/ui/button';
import { useFormatters } from '@/lib/format';
import { cx } from '@/lib/class-names';
import { useMivoiceTranslation } from '../../i18n';
import { languageName } from '../utils/language-names';
import { localizationIssueText } from '../../utils/reasons';
import { downloadText, localizationReportCsv } from '../utils/report-csv';

/** A localization import's outcome: stored or not, then its errors and warnings with their lines and keys. */
export function LocalizationReportView({ report }: { report: LocalizationImportReport }) {
  const { t } = useMivoiceTranslation();
  const fmt = useFormatters();
  const app = LOCALIZATION_APP_NAMES[report.application];
  const language = languageName(report.language, fmt.language, report.language);
  const hasIssues = report.errors.length + report.warnings.length > 0;

  return (
    <div className="space-y-3" data-testid="loc-report">
      {report.stored ? (
        <p role="status" className="text-sm font-medium text-green-800" data-testid="loc-report-outcome">
          {t('locImport.stored', {
            language,
            app,
            translated: fmt.number(report.translated),
            total: fmt.number(report.total),
          })}
        </p>
      ) : (
        <p role="alert" className="text-sm font-medium text-red-800" data-testid="loc-report-outcome">
          {t('locImport.notStored', { file: report.fileName })}
        </p>
      )}
      {hasIssues && (
        <div className="flex justify-end">
          <Button
            size="sm"
            onClick={() => downloadText(importReportFileName(report.fileName), localizationReportCsv(report))}
            data-testid="loc-report-download"
          >
            {t('locImport.download')}
          </Button>
        </div>
      )}
      {report.errors.length > 0 && (
        <IssueTable
          title={t('locImport.errors', { count: report.errorCount, n: fmt.number(report.errorCount) })}
          issues={report.errors}
          tone="error"
          testId="loc-report-errors"
        />
      )}
      {/* The server lists the first errors only (errorsTruncated): say that there are more. */}
      {report.errorCount > report.errors.length && (
        <p className="text-xs text-gray-600" data-testid="loc-report-truncated">
          {t('locImport.truncated', {
            listed: fmt.number(report.errors.length),
            total: fmt.number(report.errorCount),
          })}
        </p>
      )}
      {report.warnings.length > 0 && (
        <IssueTable
          title={t('locImport.warnings', {
            count: report.warnings.length,
            n: fmt.number(report.warnings.length),
          })}
          hint={t('locImport.warningsHint')}
          issues={report.warnings}
          tone="warning"
          testId="loc-report-warnings"
        />
      )}
    </div>
  );
}

function IssueTable({
  title,
  hint,
  issues,
  tone,
  testId,
}: {
  title: string;
  hint?: string;
  issues: readonly LocalizationIssue[];
  tone: 'error' | 'warning';
  testId: string;
}) {
  const { t } = useMivoiceTranslation();
  return (
    <section className="space-y-1" data-testid={testId}>
      <h3 className={`text-sm font-semibold ${tone === 'error' ? 'text-red-800' : 'text-amber-900'}`}>
        {title}
      </h3>
      {hint && <p className="text-xs text-gray-600">{hint}</p>}
      <div
        role="region"
        aria-label={title}
        tabIndex={0}
        className={cx(
          'max-h-52 overflow-auto rounded-md border border-gray-200',
          'focus-visible:outline-2 focus-visible:outline-blue-700',
        )}
      >
        <table aria-label={title} className="w-full border-separate border-spacing-0 text-sm">
          <thead>
            <tr>
              <th scope="col" className={`${thClasses} w-16`}>
                {t('locImport.issues.line')}
              </th>
              <th scope="col" className={`${thClasses} w-44`}>
                {t('locImport.issues.key')}
              </th>
              <th scope="col" className={`${thClasses} w-44`}>
                {t('locImport.issues.kind')}
              </th>
              <th scope="col" className={thClasses}>
                {t('locImport.issues.message')}
              </th>
            </tr>
          </thead>
          <tbody>
            {issues.map((issue, i) => (
              <tr key={`${issue.kind}-${issue.line}-${issue.key}-${i}`} data-testid="loc-issue-row">
                <td className={`${tdClasses} tabular-nums`}>{issue.line ?? '—'}</td>
                <td className={`${tdClasses} font-mono text-xs break-all`}>{issue.key ?? '—'}</td>
                <td className={tdClasses}>{t(`locImport.kinds.${issue.kind}`)}</td>
                <td className={`${tdClasses} break-words`}>{localizationIssueText(t, issue)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
