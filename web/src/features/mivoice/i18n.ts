import enMivoice from '@locales/en/mivoice.json';
import frMivoice from '@locales/fr/mivoice.json';
import { useTranslation } from 'react-i18next';
import { addLazyNamespace } from '@/lib/i18n';

// The tab's strings travel in its own chunk, not in the console's first-load bundle: they are
// registered when this module loads, which every component of the tab does through the hook below.
addLazyNamespace('mivoice', { en: enMivoice, fr: frMivoice });

/** `t` of the MiVoice tab: its own strings first, `common:` ones too. */
export function useMivoiceTranslation() {
  return useTranslation(['mivoice', 'common']);
}
