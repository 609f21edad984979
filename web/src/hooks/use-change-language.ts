import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useToast } from '@/components/ui/toast';
import { changeLanguage, LANGUAGES, type Language } from '@/lib/i18n';

/**
 * Switches the console language from a control the user touched; says so when the language's
 * strings could not be loaded (offline, or a new release replaced them), instead of doing nothing.
 */
export function useChangeLanguage() {
  const { t } = useTranslation('common');
  const toast = useToast();
  return useCallback(
    (language: Language) => {
      void changeLanguage(language).then((changed) => {
        if (changed) return;
        const label = LANGUAGES.find((l) => l.code === language)?.label ?? language;
        toast.error(t('header.languageFailed', { language: label }));
      });
    },
    [t, toast],
  );
}
