import { describe, expect, it } from 'vitest';
import { i18n } from '@/lib/i18n';
import { elementStatusText, statusDetailText } from '../utils/element-text';

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

describe('probe reasons sent as a code and params', () => {
  const text = (
    statusDetail: string | null,
    statusReason: { code: string; params: Record<string, string | number> } | null,
  ) => elementStatusText({ statusDetail, statusReason }, i18n.getFixedT(i18n.language, 'networkElements'));

  it('says each in the console language, and the server text for a code the console does not know', async () => {
    await i18n.changeLanguage('fr');
    expect(
      text('TLS error (CERT_HAS_EXPIRED)', { code: 'tls_error', params: { code: 'CERT_HAS_EXPIRED' } }),
    ).toBe('erreur TLS (CERT_HAS_EXPIRED)');
    expect(text('timed out after 3000 ms', { code: 'timeout', params: { ms: 3000 } })).toMatch(
      /^pas de réponse après 3\s000 ms$/,
    );
    expect(text('HTTP 503', { code: 'http_status', params: { status: 503 } })).toBe('HTTP 503');
    expect(text('connection reset', { code: 'connection_reset', params: {} })).toBe(
      'connexion réinitialisée',
    );
    expect(text('a new kind of failure', { code: 'warp_failure', params: {} })).toBe('a new kind of failure');
    // A result stored before reasons (no code): the English text, translated when it is a known one.
    expect(text('connection refused', null)).toBe('connexion refusée');
    expect(text(null, null)).toBeNull();
  });
});
