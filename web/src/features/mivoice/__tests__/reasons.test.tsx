import { IMPORT_ROW_ERROR_CODES, type ImportRowError, type LocalizationIssue } from '@oig/shared';
import { renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { i18n } from '@/lib/i18n';
import { useMivoiceTranslation } from '../i18n';
import { localizationIssueText, rowProblemText, syncFailureText } from '../utils/reasons';

const PARAMS: Record<(typeof IMPORT_ROW_ERROR_CODES)[number], Record<string, string>> = {
  field_count: { fields: '3', expected: '8', delimiter: 'tab' },
  unnamed_cell: { field: '9', value: 'note' },
  required: {},
  too_long: { max: '200' },
  invalid_email: { value: 'bob@' },
  invalid_phone: { value: 'phone?' },
  invalid_phone_type: { value: 'fax' },
  invalid_mark_as_delete: { value: 'maybe' },
  repeated_phone: { value: '+1 555 0100', firstLine: '2', owner: 'ann@example.com' },
  owned_by_other: { value: '+1 555 0100', owner: 'ann@example.com' },
  deleted_by_other: { value: '+1 555 0100', owner: 'ann@example.com', email: 'bob@example.com' },
};
const problem = (code: ImportRowError['code'], column: string | null = 'full_name'): ImportRowError => ({
  line: 2,
  column,
  code,
  params: PARAMS[code],
  message: `English ${code}`,
});

async function texts(language: 'en' | 'fr') {
  await i18n.changeLanguage(language);
  const { result } = renderHook(() => useMivoiceTranslation());
  return {
    row: (e: ImportRowError) => rowProblemText(result.current.t, e),
    issue: (i: LocalizationIssue) => localizationIssueText(result.current.t, i),
  };
}

describe('row problems and localization issues in the console language', () => {
  it('every code has an English and a French text that uses its params (never the raw {{…}})', async () => {
    for (const language of ['en', 'fr'] as const) {
      const { row } = await texts(language);
      for (const code of IMPORT_ROW_ERROR_CODES) {
        const text = row(problem(code));
        expect(text, `${language} ${code}`).not.toMatch(/\{\{|import\.reasons/);
        for (const value of Object.values(PARAMS[code]))
          if (value !== 'tab') expect(text, `${language} ${code}`).toContain(value);
      }
    }
  });

  it('French: the reason, the tab delimiter, plural of fields, the owner only when named', async () => {
    const { row } = await texts('fr');
    expect(row(problem('invalid_email', 'primary_email'))).toBe(
      '« bob@ » n’est pas une adresse e-mail valide.',
    );
    expect(row(problem('required', 'phone_number'))).toBe('phone_number est obligatoire.');
    expect(row(problem('field_count', null))).toBe(
      'Cette ligne a 3 champs alors que l’en-tête en a 8 : vérifiez le séparateur (tabulation) et les guillemets.',
    );
    expect(
      row({ ...problem('field_count', null), params: { fields: '1', expected: '8', delimiter: ';' } }),
    ).toBe(
      'Cette ligne a 1 champ alors que l’en-tête en a 8 : vérifiez le séparateur (;) et les guillemets.',
    );
    expect(row(problem('repeated_phone', 'phone_number'))).toBe(
      '+1 555 0100 figure déjà à la ligne 2 pour ann@example.com : un numéro ne peut figurer qu’une fois.',
    );
    expect(
      row({ ...problem('repeated_phone', 'phone_number'), params: { value: '+1 555 0100', firstLine: '2' } }),
    ).toBe('+1 555 0100 figure déjà à la ligne 2 : un numéro ne peut figurer qu’une fois.');
  });

  it('field_count when the header ends with unnamed columns: a range, in both languages', async () => {
    const range = {
      ...problem('field_count', null),
      params: { fields: '2', min: '5', max: '7', delimiter: ',' },
    };
    expect((await texts('en')).row(range)).toBe(
      'This row has 2 fields but the header has 5 to 7: check the delimiter (,) and the quotes.',
    );
    expect((await texts('fr')).row(range)).toBe(
      'Cette ligne a 2 champs alors que l’en-tête en a de 5 à 7 : vérifiez le séparateur (,) et les guillemets.',
    );
  });

  it('localization issues: placeholders, "none" for no placeholder, in French', async () => {
    const { issue } = await texts('fr');
    expect(
      issue({
        line: 3,
        key: 'duration_format',
        kind: 'placeholder_mismatch',
        params: { english: '{0} minutes, {1} seconds', expected: '{0}, {1}', found: '' },
        message: 'x',
      }),
    ).toBe(
      'Les espaces réservés doivent correspondre au texte anglais « {0} minutes, {1} seconds » : attendus {0}, {1} ; trouvés aucun.',
    );
    expect(
      issue({ line: null, key: 'save', kind: 'missing_key', params: { english: 'Save' }, message: 'x' }),
    ).toBe('Absente du fichier : le texte anglais « Save » est utilisé.');
    expect(issue({ line: 2, key: null, kind: 'bad_row', params: { found: '1' }, message: 'x' })).toBe(
      '2 champs attendus (messageKey,languageValue), 1 trouvé.',
    );
    expect(issue({ line: 2, key: null, kind: 'bad_row', params: { found: '3' }, message: 'x' })).toBe(
      '2 champs attendus (messageKey,languageValue), 3 trouvés.',
    );
  });
});

describe('the last Google sync failure in the console language', () => {
  const text = async (
    lastError: string | null,
    lastErrorReason: { code: string; params: Record<string, string | number> } | null,
  ) => {
    const { result } = renderHook(() => useMivoiceTranslation());
    return syncFailureText(result.current.t, { lastError, lastErrorReason });
  };

  it('says each failure from its code and params; the server text for an unknown code or an old record', async () => {
    await i18n.changeLanguage('fr');
    expect(
      await text('Google did not answer users.list page 2 within 5 s: …', {
        code: 'timeout',
        params: { phase: 'users', page: 2, seconds: 5 },
      }),
    ).toBe(
      'Google n’a pas répondu à users.list, page 2 en 5 s : vérifiez l’accès à Internet du serveur et réessayez',
    );
    expect(
      await text(
        'Google does not know the domain example.net (404: Domain not found.): check the Google domain',
        {
          code: 'unknown_domain',
          params: { domain: 'example.net', status: 404, google: 'Domain not found.' },
        },
      ),
    ).toBe(
      'Google ne connaît pas le domaine example.net (404: Domain not found.) : vérifiez le domaine Google',
    );
    expect(
      await text('The 12 contacts read from Google could not be stored (the database is busy; try again)', {
        code: 'not_stored',
        params: { count: 12, busy: 'yes' },
      }),
    ).toMatch(
      /^Les 12 contacts lus depuis Google n’ont pas pu être enregistrés \(la base de données est occupée/,
    );
    expect(await text('Google changed its mind.', { code: 'brand_new', params: {} })).toBe(
      'Google changed its mind.',
    );
    expect(await text('Stored by an older server.', null)).toBe('Stored by an older server.');
    expect(await text(null, null)).toBeNull();
  });
});
