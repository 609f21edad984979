import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../api-client';
import { formErrorsOf } from '../errors';

describe('formErrorsOf', () => {
  it('puts the server field messages on the form fields they name, with no form message', () => {
    const error = new ApiRequestError({
      status: 400,
      code: 'validation_failed',
      message: 'Invalid',
      fields: { newPassword: 'Too short', other: 'x' },
    });
    expect(formErrorsOf(error, { password: 'newPassword', currentPassword: 'currentPassword' })).toEqual({
      fields: { password: 'Too short' },
      form: undefined,
    });
  });

  it('gives the server message for the whole form when no field message applies', () => {
    const error = new ApiRequestError({
      status: 409,
      code: 'conflict',
      message: 'User exists',
      fields: { other: 'x' },
    });
    expect(formErrorsOf(error, { username: 'username' })).toEqual({ fields: {}, form: 'User exists' });
  });
});
