import enOpenMedia from '@locales/en/open-media.json';
import frOpenMedia from '@locales/fr/open-media.json';
import { useTranslation } from 'react-i18next';
import { addLazyNamespace } from '@/lib/i18n';

// The view's strings travel in its own chunk, not in the console's first-load bundle: they are
// registered when this module loads, which every component of the view does through the hook below.
addLazyNamespace('openMedia', { en: enOpenMedia, fr: frOpenMedia });

/** `t` of the Open Media view: its own strings first, `common:` ones too. */
export function useOpenMediaTranslation() {
  return useTranslation(['openMedia', 'common']);
}

export type OpenMediaT = ReturnType<typeof useOpenMediaTranslation>['t'];
