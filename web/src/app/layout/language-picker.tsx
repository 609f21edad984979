import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useChangeLanguage } from '@/hooks/use-change-language';
import { cx } from '@/lib/class-names';
import { currentLanguage, LANGUAGES, type Language } from '@/lib/i18n';

const TONES = {
  /** On the dark header. */
  dark: {
    label: 'text-gray-200',
    select: 'border-gray-600 bg-gray-800 text-white focus-visible:outline-blue-400',
  },
  /** On the light sign-in page. */
  light: {
    label: 'text-gray-700',
    select: 'border-gray-300 bg-white text-gray-900 focus-visible:outline-blue-700',
  },
} as const;

/**
 * The console language, chosen from the 17 by their own names (header and sign-in page): the
 * choice is applied and remembered (`useChangeLanguage`).
 */
export function LanguagePicker({ tone, testId }: { tone: keyof typeof TONES; testId: string }) {
  const { t } = useTranslation('common');
  const changeLanguage = useChangeLanguage();
  const id = useId();
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className={TONES[tone].label}>
        {t('header.language')}
      </label>
      <select
        id={id}
        value={currentLanguage()}
        onChange={(e) => changeLanguage(e.target.value as Language)}
        data-testid={testId}
        className={cx(
          'h-8 rounded-md border px-2 text-sm focus-visible:outline-2 focus-visible:outline-offset-2',
          TONES[tone].select,
        )}
      >
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code} lang={l.tag}>
            {l.label}
          </option>
        ))}
      </select>
    </div>
  );
}
