import type { LoggingLevel } from '@oig/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

export type LoggingLevelLabels = Record<LoggingLevel, { name: string; option: string; help: string }>;

/** Name, select option ("Info (default)") and explanation of each logging level. */
export function useLoggingLevelLabels(): LoggingLevelLabels {
  const { t } = useTranslation('options');
  return useMemo(
    () => ({
      error: {
        name: t('general.levels.error'),
        option: t('general.levels.error'),
        help: t('general.levelHelp.error'),
      },
      warning: {
        name: t('general.levels.warning'),
        option: t('general.levels.warning'),
        help: t('general.levelHelp.warning'),
      },
      info: {
        name: t('general.levels.info'),
        option: t('general.levels.infoDefault'),
        help: t('general.levelHelp.info'),
      },
      trace: {
        name: t('general.levels.trace'),
        option: t('general.levels.trace'),
        help: t('general.levelHelp.trace'),
      },
    }),
    [t],
  );
}
