import { act, renderHook } from '@testing-library/react';
import { BACKUP_PROBLEMS, ERROR_REASON_PARAMS, ERROR_REASONS, VALIDATION_CODES } from '@oig/shared';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiRequestError } from '../api-client';
import { asSentence, errorMessage, fieldErrors } from '../errors';
import { applyServerErrors } from '../form/server-errors';
import { useZodForm } from '../form/use-zod-form';
import { i18n } from '../i18n';

const files = import.meta.glob<{ serverErrors: Record<string, string>; validation: Record<string, string> }>(
  '@locales/*/common.json',
  { import: 'default', eager: true },
);
const common = (lng: string) => Object.entries(files).find(([path]) => path.includes(`/${lng}/`))![1];

const placeholders = (text: string) => (text.match(/{{\s*(\w+)/g) ?? []).map((p) => p.replace(/{{\s*/, ''));

describe('server error reasons', () => {
  const en = common('en');

  it('has an English text for every reason the API sends, naming each param it documents', () => {
    for (const reason of ERROR_REASONS) {
      const exact = en.serverErrors[reason];
      const plural = [en.serverErrors[`${reason}_one`], en.serverErrors[`${reason}_other`]].filter(
        (t): t is string => t !== undefined,
      );
      const texts = exact !== undefined ? [exact] : plural;
      expect(texts.length, `common:serverErrors.${reason}`).toBeGreaterThan(0);
      for (const text of texts) {
        for (const param of ERROR_REASON_PARAMS[reason])
          expect(placeholders(text), `common:serverErrors.${reason} names {{${param}}}`).toContain(param);
      }
    }
    // No text for a reason the API does not send (a renamed one left behind).
    const known = new Set<string>(ERROR_REASONS);
    for (const key of Object.keys(en.serverErrors))
      expect(known.has(key) || known.has(key.replace(/_(one|other)$/, '')), key).toBe(true);
  });

  it('has a text for every generic validation code the API sends in fieldReasons', () => {
    for (const code of VALIDATION_CODES) expect(en.validation[code], code).toBeTruthy();
  });
});

const duplicateIp = () =>
  new ApiRequestError({
    status: 409,
    code: 'conflict',
    message: 'IP Address 10.0.0.1 is already used by another network element',
    fields: { ipAddress: 'Already used by another network element' },
    fieldReasons: { ipAddress: { reason: 'ip_address_taken' } },
    reason: 'ip_address_in_use',
    params: { ipAddress: '10.0.0.1' },
  });

describe('errorMessage and fieldErrors', () => {
  it('say a known reason in the console language, with its params', async () => {
    await i18n.changeLanguage('fr');
    expect(errorMessage(duplicateIp())).toBe(
      'L’adresse IP 10.0.0.1 est déjà utilisée par un autre élément de réseau.',
    );
    expect(fieldErrors(duplicateIp())).toEqual({
      ipAddress: 'Déjà utilisée par un autre élément de réseau.',
    });
    const throttled = (minutes: string) =>
      new ApiRequestError({
        status: 429,
        code: 'rate_limited',
        message: `Too many failed password attempts. Try again in ${minutes} minutes.`,
        reason: 'too_many_failures',
        params: { minutes },
      });
    expect(errorMessage(throttled('1'))).toBe('Trop de tentatives échouées. Réessayez dans 1 minute.');
    expect(errorMessage(throttled('15'))).toBe('Trop de tentatives échouées. Réessayez dans 15 minutes.');
    await i18n.changeLanguage('en');
    expect(errorMessage(throttled('1'))).toBe('Too many failed attempts. Try again in 1 minute.');
  });

  it('word a failed schema from its field codes (the generic validation texts)', async () => {
    await i18n.changeLanguage('fr');
    const error = new ApiRequestError({
      status: 400,
      code: 'validation_failed',
      message: 'Network element is invalid: name: Too small: expected string to have >=1 characters',
      fields: { name: 'Too small', 'settings.port': 'Too big', other: 'English only' },
      fieldReasons: {
        name: { reason: 'required' },
        'settings.port': { reason: 'tooLong', params: { max: '5' } },
        other: { reason: 'some_reason_of_a_newer_server' },
      },
      reason: 'invalid_input',
      params: { field: 'name' },
    });
    expect(errorMessage(error)).toBe('name : Ce champ est obligatoire.');
    expect(fieldErrors(error)).toEqual({
      name: 'Ce champ est obligatoire.',
      'settings.port': 'Saisissez au plus 5 caractères.',
      other: 'English only',
    });
  });

  it('word a refused backup content from its problem code, in every language, never English detail', async () => {
    for (const lng of Object.keys(files).map((path) => /\/([\w-]+)\/common\.json$/.exec(path)![1]!)) {
      const problems = (common(lng) as unknown as { backupProblems: Record<string, string> }).backupProblems;
      expect(Object.keys(problems).sort(), lng).toEqual([...BACKUP_PROBLEMS].sort());
    }
    await i18n.changeLanguage('fr');
    const error = (problem: string) =>
      new ApiRequestError({
        status: 400,
        code: 'bad_request',
        message: 'The backup\'s content is not valid: networkElements has the id "x" twice',
        reason: 'backup_content_invalid',
        params: { problem },
      });
    expect(errorMessage(error('duplicate_id'))).toBe(
      'Le contenu de la sauvegarde n’est pas valide\u00a0: deux éléments réseau ou utilisateurs de la console ' +
        'ont le même identifiant.',
    );
    // A problem of a newer server: the generic text, still in French.
    expect(errorMessage(error('brand_new'))).toBe(
      `Le contenu de la sauvegarde n’est pas valide\u00a0: ${i18n.t('common:validation.invalid')}`,
    );
  });

  it("fall back to the server's English message for a reason the console does not know, or none", async () => {
    await i18n.changeLanguage('fr');
    const newer = new ApiRequestError({
      status: 409,
      code: 'conflict',
      message: 'Something only a newer server knows',
      reason: 'brand_new_reason',
      params: { x: '1' },
    });
    expect(errorMessage(newer)).toBe('Something only a newer server knows');
    const none = new ApiRequestError({ status: 409, code: 'conflict', message: 'An older server' });
    expect(errorMessage(none)).toBe('An older server');
  });
});

describe('applyServerErrors in French', () => {
  const schema = z.object({ ipAddress: z.string(), name: z.string() });

  it('puts the translated field texts on the fields, and the translated reason above the form', async () => {
    await i18n.changeLanguage('fr');
    const { result } = renderHook(() => {
      const form = useZodForm(schema, { defaultValues: { ipAddress: '', name: '' } });
      void form.formState.errors;
      return form;
    });
    let left = false;
    act(() => {
      left = applyServerErrors(result.current, duplicateIp(), { alwaysAlert: true });
    });
    expect(left).toBe(true);
    expect(result.current.formState.errors.ipAddress?.message).toBe(
      'Déjà utilisée par un autre élément de réseau.',
    );
    expect(result.current.formState.errors.root?.server?.message).toBe(
      'L’adresse IP 10.0.0.1 est déjà utilisée par un autre élément de réseau.',
    );
  });

  it("keeps the server's English for a field reason it does not know", async () => {
    await i18n.changeLanguage('fr');
    const { result } = renderHook(() => {
      const form = useZodForm(schema, { defaultValues: { ipAddress: '', name: '' } });
      void form.formState.errors;
      return form;
    });
    const error = new ApiRequestError({
      status: 409,
      code: 'conflict',
      message: 'Newer',
      fields: { name: 'Reserved by a newer rule' },
      fieldReasons: { name: { reason: 'reserved_by_newer_rule' } },
      reason: 'reserved_by_newer_rule',
    });
    act(() => {
      applyServerErrors(result.current, error);
    });
    expect(result.current.formState.errors.name?.message).toBe('Reserved by a newer rule');
  });
});

describe('asSentence', () => {
  it('ends a message with a full stop unless it already ends a sentence', () => {
    expect(asSentence('Google: Not Authorized (403)')).toBe('Google: Not Authorized (403).');
    expect(asSentence('Try again later.  ')).toBe('Try again later.');
    expect(asSentence('Really?')).toBe('Really?');
    expect(asSentence('接続できません。')).toBe('接続できません。');
    expect(asSentence('')).toBe('');
  });
});
