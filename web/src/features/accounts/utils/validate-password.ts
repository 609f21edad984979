import { localPasswordSchema } from '@oig/shared';
import type { TFunction } from 'i18next';

export interface PasswordValues {
  localPassword: string;
  confirm: string;
}

export type PasswordErrors = Partial<Record<keyof PasswordValues, string>>;

/**
 * Checks a new local password with the server's rule (localPasswordSchema) and that it was typed
 * the same twice. Messages are in the console language; empty result means valid.
 */
export function validatePasswords(
  { localPassword, confirm }: PasswordValues,
  t: TFunction<'accounts'>,
): PasswordErrors {
  const errors: PasswordErrors = {};
  const parsed = localPasswordSchema.safeParse(localPassword);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (localPassword === '') errors.localPassword = t('password.required');
    else if (issue?.code === 'too_small') errors.localPassword = t('password.tooShort');
    else if (issue?.code === 'too_big') errors.localPassword = t('password.tooLong');
    else errors.localPassword = t('password.blanks');
  }
  if (confirm !== localPassword) errors.confirm = t('password.mismatch');
  return errors;
}

export function hasErrors(errors: Partial<Record<string, string | undefined>>): boolean {
  return Object.values(errors).some(Boolean);
}
