import { useTranslation } from 'react-i18next';

/** `t` of the Open Media view: its own strings (loaded with the route) first, `common:` ones too. */
export function useOpenMediaTranslation() {
  return useTranslation(['openMedia', 'common']);
}

export type OpenMediaT = ReturnType<typeof useOpenMediaTranslation>['t'];
