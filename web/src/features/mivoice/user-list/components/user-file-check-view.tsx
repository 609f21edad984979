import { USER_LIST_COLUMNS, USER_LIST_MAX_BYTES } from '@oig/shared';
import { useFormatters } from '@/lib/format';
import { cx } from '@/lib/class-names';
import { useMivoiceTranslation } from '../../i18n';
import { formatBytes } from '../../utils/read-file';
import type { UserListFileCheck, UserListFileError, UserListFileWarning } from '../utils/user-list-file';

/**
 * What the browser found in the chosen file: the summary, then what stops the upload and what is
 * only worth knowing.
 */
export function UserFileCheckView({ file, check }: { file: File; check: UserListFileCheck }) {
  const { t } = useMivoiceTranslation();
  const fmt = useFormatters();
  const expected = USER_LIST_COLUMNS.join(', ');
  const list = (columns: string[]) => columns.map((c) => (c === '' ? '""' : c)).join(', ');

  const errorText = (e: UserListFileError): string => {
    switch (e.kind) {
      case 'empty':
        return t('import.errors.empty');
      case 'tooLarge':
        return t('import.errors.tooLarge', {
          size: formatBytes(e.size, fmt.language),
          max: formatBytes(USER_LIST_MAX_BYTES, fmt.language),
        });
      case 'unreadable':
        return t('import.errors.unreadable');
      case 'noHeader':
        return t('import.errors.noHeader');
      case 'missingColumns':
        return t('import.errors.missingColumns', {
          count: e.columns.length,
          columns: list(e.columns),
          expected,
        });
      case 'duplicateColumns':
        return t('import.errors.duplicateColumns', { columns: list(e.columns) });
      case 'unknownColumns':
        return t('import.errors.unknownColumns', {
          count: e.columns.length,
          columns: list(e.columns),
          expected,
        });
      case 'unnamedColumns':
        return t('import.errors.unnamedColumns', {
          count: e.positions.length,
          positions: list(e.positions.map(String)),
        });
      case 'noRows':
        return t('import.errors.noRows');
      case 'file': {
        // The shared reader's params; the numbers in the console language.
        const { lines, max, columns } = e.params;
        const number = (v: string | undefined) => (v === undefined ? undefined : fmt.number(Number(v)));
        return t(`import.errors.file.${e.code}`, {
          ...e.params,
          line: e.line === null ? undefined : fmt.number(e.line),
          lines: number(lines),
          max: number(max),
          columns: number(columns),
        });
      }
    }
  };
  const warningText = (w: UserListFileWarning): string =>
    t('import.warnings.rowErrors', { count: w.rows, n: fmt.number(w.rows) });

  const delimiter =
    check.delimiter === ';'
      ? t('import.delimiters.semicolon')
      : check.delimiter === '\t'
        ? t('import.delimiters.tab')
        : t('import.delimiters.comma');
  const named = check.columns.filter((c) => c !== '');

  return (
    <div className="space-y-3" data-testid="file-check">
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-medium text-gray-800">{t('import.summary.file')}</dt>
        <dd className="break-all text-gray-900" data-testid="check-file">
          {file.name} ({formatBytes(file.size, fmt.language)})
        </dd>
        {check.rows !== null && (
          <>
            <dt className="font-medium text-gray-800">{t('import.summary.rows')}</dt>
            <dd className="text-gray-900 tabular-nums" data-testid="check-rows">
              {fmt.number(check.rows)}
            </dd>
          </>
        )}
        {named.length > 0 && (
          <>
            <dt className="font-medium text-gray-800">{t('import.summary.columns')}</dt>
            <dd className="font-mono text-xs break-all text-gray-900" data-testid="check-columns">
              {named.join(', ')}
            </dd>
            <dt className="font-medium text-gray-800">{t('import.summary.format')}</dt>
            <dd className="text-gray-900" data-testid="check-format">
              {t('import.summary.formatValue', { delimiter, encoding: check.encoding.toUpperCase() })}
            </dd>
          </>
        )}
      </dl>
      {check.errors.length > 0 && (
        <div
          role="alert"
          className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800"
          data-testid="check-errors"
        >
          <p className="font-medium">{t('import.cannotUpload')}</p>
          <ul className="mt-1 list-disc space-y-0.5 pl-5">
            {check.errors.map((e) => (
              <li key={e.kind}>{errorText(e)}</li>
            ))}
          </ul>
        </div>
      )}
      {check.warnings.length > 0 && (
        <ul
          className={cx(
            'list-disc space-y-0.5 rounded-md border border-amber-300 bg-amber-50',
            'py-2 pr-3 pl-8 text-sm text-amber-900',
          )}
          data-testid="check-warnings"
        >
          {check.warnings.map((w) => (
            <li key={w.kind}>{warningText(w)}</li>
          ))}
        </ul>
      )}
      {check.errors.length === 0 && (
        <p className="text-sm text-gray-700" data-testid="check-ok">
          {t('import.readyToUpload')}
        </p>
      )}
    </div>
  );
}
