import { act, renderHook } from '@testing-library/react';
import { emailSchema, loginRequestSchema } from '@oig/shared';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiRequestError } from '../api-client';
import { withConfirmation } from '../form/confirmation';
import { fieldMessage } from '../form/field-message';
import { applyServerErrors } from '../form/server-errors';
import { useZodForm } from '../form/use-zod-form';
import { validationMessages } from '../form/zod-messages';
import { changeLanguage } from '../i18n';

const passwordsSchema = withConfirmation(
  z.object({ currentPassword: z.string(), password: z.string().min(10) }).strict(),
  'password',
  { whenValid: true },
);

function renderForm() {
  return renderHook(() => {
    const form = useZodForm(passwordsSchema, {
      defaultValues: { currentPassword: '', password: '', confirm: '' },
    });
    // Read while rendering, as a form does, so that a change renders again.
    void form.formState.errors;
    return form;
  }).result;
}

describe('zod-messages', () => {
  it('turns issues into the console texts by code, with the rule as params, whatever the schema says', () => {
    const schema = z.object({
      name: z.string().trim().min(3, 'English').max(5, 'English'),
      mail: emailSchema,
      kind: z.enum(['a', 'b']),
      count: z.number(),
    });
    const values = { name: 'ab', mail: 'nope', kind: 'c', count: 'x' };
    expect(validationMessages(schema, values)).toEqual({
      name: 'Enter at least 3 characters.',
      mail: 'Enter one valid email address, e.g. admin@example.com.',
      kind: 'Choose one of the options.',
      count: 'This value is not of the expected kind.',
    });
    expect(validationMessages(schema, { ...values, name: 'abcdef' }).name).toBe(
      'Enter at most 5 characters.',
    );
    // Blank is "required", whichever rule refused it (a trimmed min, an email format).
    expect(validationMessages(schema, { ...values, name: '  ', mail: '' })).toMatchObject({
      name: 'This field is required.',
      mail: 'This field is required.',
    });
  });

  it('judges a password of blanks by its rule, not as missing (untrimmed fields)', () => {
    const schema = z.object({ password: z.string().min(10, 'English'), name: z.string().min(3, 'English') });
    const values = { password: '   ', name: '  ' };
    expect(validationMessages(schema, values, { untrimmed: ['password'] })).toEqual({
      password: 'Enter at least 10 characters.',
      name: 'This field is required.',
    });
    expect(
      validationMessages(schema, { ...values, password: '' }, { untrimmed: ['password'] }).password,
    ).toBe('This field is required.');
  });

  it('finds the message of a list field in its items or on the list itself', () => {
    expect(fieldMessage({ type: 'x', message: 'own' })).toBe('own');
    // zodResolver's shape for a bad second item: a sparse array of item errors.
    const items: unknown[] = [];
    items[1] = { type: 'custom', message: 'second item' };
    expect(fieldMessage(items)).toBe('second item');
    expect(fieldMessage(Object.assign([], { root: { message: 'whole list' } }))).toBe('whole list');
    expect(fieldMessage(undefined)).toBeUndefined();
    expect(fieldMessage([])).toBeUndefined();
  });

  it("takes a form's own texts by field and code, `*` for the field's other codes", () => {
    const messages = {
      username: { required: 'auth:usernameRequired', tooLong: 'auth:usernameLong' },
      password: { '*': 'auth:passwordRequired' },
    } as const;
    expect(validationMessages(loginRequestSchema, { username: ' ', password: '' }, { messages })).toEqual({
      username: 'Enter your user name',
      password: 'Enter your password',
    });
    expect(
      validationMessages(loginRequestSchema, { username: 'x'.repeat(65), password: 'p' }, { messages }),
    ).toEqual({ username: 'User name is at most 64 characters' });
  });

  it('names a refinement by its params.code; a confirmation mismatch only once the password is right', () => {
    const messages = { confirm: { passwordMismatch: 'options:users.errors.passwordMismatch' } } as const;
    expect(
      validationMessages(
        passwordsSchema,
        { currentPassword: '', password: 'short', confirm: 'x' },
        { messages },
      ),
    ).toEqual({ password: 'Enter at least 10 characters.' });
    expect(
      validationMessages(
        passwordsSchema,
        { currentPassword: '', password: 'long-enough-1', confirm: 'x' },
        { messages },
      ),
    ).toEqual({ confirm: 'The two passwords are not the same.' });
    // Without a text of the form's, the shared one.
    expect(
      validationMessages(passwordsSchema, { currentPassword: '', password: 'long-enough-1', confirm: '' }),
    ).toEqual({ confirm: 'This value is not valid.' });
  });

  it('speaks the console language', async () => {
    await changeLanguage('fr');
    try {
      expect(validationMessages(z.object({ a: z.string().min(2) }), { a: 'x' })).toEqual({
        a: 'Saisissez au moins 2 caractères.',
      });
    } finally {
      await changeLanguage('en');
    }
  });
});

describe('applyServerErrors', () => {
  it('puts the server field messages on the form fields they name (renamed ones too), with no form message', () => {
    const form = renderForm();
    const error = new ApiRequestError({
      status: 400,
      code: 'validation_failed',
      message: 'Invalid',
      fields: { newPassword: 'Too short', currentPassword: 'Wrong' },
    });
    let left = true;
    act(() => {
      left = applyServerErrors(form.current, error, { names: { newPassword: 'password' } });
    });
    expect(left).toBe(false);
    expect(form.current.formState.errors.password?.message).toBe('Too short');
    expect(form.current.formState.errors.currentPassword?.message).toBe('Wrong');
    expect(form.current.formState.errors.root?.server).toBeUndefined();
  });

  it('gives the server message for the whole form when no field, or not every field, can show it', () => {
    const form = renderForm();
    const conflict = new ApiRequestError({ status: 409, code: 'conflict', message: 'User exists' });
    act(() => {
      expect(applyServerErrors(form.current, conflict)).toBe(true);
    });
    expect(form.current.formState.errors.root?.server?.message).toBe('User exists');

    const partly = new ApiRequestError({
      status: 400,
      code: 'validation_failed',
      message: 'Invalid',
      fields: { password: 'Too short', other: 'x' },
    });
    act(() => {
      expect(applyServerErrors(form.current, partly)).toBe(true);
    });
    expect(form.current.formState.errors.password?.message).toBe('Too short');
    expect(form.current.formState.errors.root?.server?.message).toBe('Invalid');
  });

  it('keeps to the fields it is given, by their top-level name, and can always keep the message', () => {
    const form = renderForm();
    const error = new ApiRequestError({
      status: 400,
      code: 'validation_failed',
      message: 'Invalid',
      fields: { 'password.0': 'Bad', currentPassword: 'Wrong' },
    });
    act(() => {
      expect(applyServerErrors(form.current, error, { fields: ['password'] })).toBe(true);
    });
    expect(form.current.formState.errors.password?.message).toBe('Bad');
    expect(form.current.formState.errors.currentPassword).toBeUndefined();

    const onField = new ApiRequestError({
      status: 400,
      code: 'validation_failed',
      message: 'Account is invalid',
      fields: { password: 'Too common' },
    });
    act(() => {
      expect(applyServerErrors(form.current, onField, { alwaysAlert: true })).toBe(true);
    });
    expect(form.current.formState.errors.root?.server?.message).toBe('Account is invalid');
  });
});
