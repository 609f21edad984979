import { describe, expect, it } from 'vitest';
import { i18n } from '@/lib/i18n';
import { statusDetailText } from '../utils/element-text';

describe('probe reasons in the console language', () => {
  const text = (detail: string) => statusDetailText(detail, i18n.getFixedT(i18n.language, 'networkElements'));

  it('translates the reasons the probe gives and keeps anything else as the server wrote it', async () => {
    expect(text('connection refused')).toBe('connection refused');
    await i18n.changeLanguage('fr');
    expect(text('connection refused')).toBe('connexion refusée');
    expect(text('not a WSDL')).toBe('la réponse n’est pas un WSDL');
    expect(text('timed out after 3000 ms')).toMatch(/^pas de réponse après 3\s?000 ms$/);
    expect(text('HTTP 404')).toBe('HTTP 404');
    expect(text('TLS error (CERT_HAS_EXPIRED)')).toBe('TLS error (CERT_HAS_EXPIRED)');
    expect(text('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
  });
});
