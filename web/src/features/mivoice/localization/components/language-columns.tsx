import type { LocalizationApp, LocalizationLanguage } from '@oig/shared';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import { Button } from '@/components/ui/button';
import { DownloadButton } from '@/components/ui/download-button';
import { ProgressBar } from '@/components/ui/progress-bar';
import { useFormatters } from '@/lib/format';
import { getLanguageExportFileName, getLanguageExportUrl } from '../api/export-language';
import { useMivoiceTranslation } from '../../i18n';

/** A language row with its name in the console's language ("Japanese", "Japonais"). */
export interface LanguageRow extends LocalizationLanguage {
  displayName: string;
}

/**
 * Columns of an application's languages; with `onDelete`, a Delete button on each imported language
 * (administrators).
 */
export function useLanguageColumns(app: LocalizationApp, onDelete?: (language: LanguageRow) => void) {
  const { t } = useMivoiceTranslation();
  const fmt = useFormatters();
  return useMemo(() => {
    const ratio = (l: LocalizationLanguage) => (l.total > 0 ? l.translated / l.total : 0);
    const columns: ColumnDef<LanguageRow, unknown>[] = [
      {
        id: 'language',
        header: t('localization.columns.language'),
        accessorFn: (l) => l.displayName,
        cell: ({ row }) => (
          <span>
            <span className="font-medium">{row.original.displayName}</span>
            <span className="ml-1.5 font-mono text-xs text-gray-600">{row.original.code}</span>
          </span>
        ),
        sortingFn: 'alphanumeric',
        size: 220,
      },
      {
        id: 'completeness',
        header: t('localization.columns.completeness'),
        accessorFn: ratio,
        cell: ({ row }) => {
          const l = row.original;
          // Built-in English is complete by definition; a language tells translated, left in English
          // and missing apart (a file of every key, mostly untranslated, is not 100%).
          const text = l.builtIn
            ? t('localization.completeness', {
                translated: fmt.number(l.translated),
                total: fmt.number(l.total),
                percent: fmt.percent(ratio(l)),
              })
            : t('localization.completenessCounts', {
                translated: fmt.number(l.translated),
                same: fmt.number(l.sameAsEnglish),
                missing: fmt.number(l.missing),
              });
          return (
            <span className="flex items-center gap-2" data-testid="language-completeness">
              <ProgressBar
                value={ratio(l)}
                label={text}
                decorative
                tone={l.translated >= l.total ? 'green' : 'amber'}
                className="w-24 shrink-0"
              />
              <span className="text-xs tabular-nums">{text}</span>
            </span>
          );
        },
        sortingFn: 'basic',
        size: 260,
      },
      {
        id: 'imported',
        header: t('localization.columns.imported'),
        accessorFn: (l) => l.importedAt ?? '',
        cell: ({ row }) => {
          const l = row.original;
          if (l.builtIn) return <span className="text-gray-600">{t('localization.builtIn')}</span>;
          if (!l.importedAt) return '—';
          const at = fmt.shortDateTime(l.importedAt);
          return (
            <span title={fmt.dateTime(l.importedAt)}>
              {l.importedBy ? t('localization.importedBy', { time: at, user: l.importedBy }) : at}
            </span>
          );
        },
        sortingFn: 'basic',
        size: 230,
      },
      {
        id: 'file',
        header: t('localization.columns.file'),
        accessorFn: (l) => l.fileName ?? '',
        cell: ({ row }) =>
          row.original.fileName ? <span title={row.original.fileName}>{row.original.fileName}</span> : '—',
        sortingFn: 'alphanumeric',
        size: 280,
      },
      {
        id: 'actions',
        header: t('localization.columns.actions'),
        enableSorting: false,
        size: onDelete ? 170 : 110,
        meta: { stickyRight: true },
        cell: ({ row }) => {
          const l = row.original;
          const name = t('localization.languageWithCode', { language: l.displayName, code: l.code });
          return (
            <div className="flex items-center gap-1">
              <DownloadButton
                url={getLanguageExportUrl(app, l.code)}
                fileName={getLanguageExportFileName(app, l.code)}
                size="sm"
                aria-label={t('localization.downloadLanguage', { language: name })}
                data-testid="language-download"
              >
                {t('localization.download')}
              </DownloadButton>
              {onDelete && !l.builtIn && (
                <Button
                  size="sm"
                  variant="ghost"
                  className="text-red-700 hover:bg-red-50 hover:text-red-800"
                  aria-label={t('localization.deleteLanguage', { language: name })}
                  onClick={() => onDelete(l)}
                  data-testid="language-delete"
                >
                  {t('localization.delete')}
                </Button>
              )}
            </div>
          );
        },
      },
    ];
    return columns;
  }, [t, fmt, app, onDelete]);
}
