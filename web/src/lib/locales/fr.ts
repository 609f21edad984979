import accounts from '@locales/fr/accounts.json';
import auth from '@locales/fr/auth.json';
import common from '@locales/fr/common.json';
import mail from '@locales/fr/mail.json';
import networkElements from '@locales/fr/network-elements.json';
import options from '@locales/fr/options.json';
import overview from '@locales/fr/overview.json';
import sessions from '@locales/fr/sessions.json';

/**
 * The French console strings of the bundled namespaces: a chunk of its own, loaded only when the
 * console is used in French (lib/i18n `loadLanguage`), so English users do not download it.
 */
export default { common, auth, overview, sessions, accounts, networkElements, options, mail };
