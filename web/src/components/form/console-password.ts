import { consolePasswordSchema, usernameSchema } from '@oig/shared';
import type { TFunction } from 'i18next';

type T = TFunction<'options'>;

/** Client check of a new console user name with the shared rule, in the console language. */
export function validateUsername(value: string, t: T): string | undefined {
  if (!value.trim()) return t('users.errors.usernameRequired');
  const result = usernameSchema.safeParse(value);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  if (issue?.code === 'too_small') return t('users.errors.usernameShort', { min: Number(issue.minimum) });
  if (issue?.code === 'too_big') return t('users.errors.usernameLong', { max: Number(issue.maximum) });
  return t('users.errors.usernameChars');
}

/** Client check of a new console password with the shared rule, in the console language. */
export function validatePassword(value: string, t: T): string | undefined {
  if (!value) return t('users.errors.passwordRequired');
  const result = consolePasswordSchema.safeParse(value);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  if (issue?.code === 'too_big') return t('users.errors.passwordLong', { max: Number(issue.maximum) });
  const min = issue?.code === 'too_small' ? Number(issue.minimum) : 10;
  return t('users.errors.passwordShort', { min });
}

export interface NewPasswordValues {
  password: string;
  confirm: string;
}

export type NewPasswordErrors = Partial<Record<keyof NewPasswordValues, string>>;

/** A new password typed twice: the rule, then that both are the same. */
export function validateNewPassword({ password, confirm }: NewPasswordValues, t: T): NewPasswordErrors {
  const errors: NewPasswordErrors = {};
  const passwordError = validatePassword(password, t);
  if (passwordError) errors.password = passwordError;
  else if (password !== confirm) errors.confirm = t('users.errors.passwordMismatch');
  return errors;
}
