import { useTranslation } from 'react-i18next';

/** `t` of the MiVoice tab: its own strings (loaded with the route) first, `common:` ones too. */
export function useMivoiceTranslation() {
  return useTranslation(['mivoice', 'common']);
}
