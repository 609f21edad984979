import { loginRequestSchema, type Me } from '@oig/shared';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { ErrorAlert } from '@/components/ui/error-alert';
import { Spinner } from '@/components/ui/spinner';
import { errorMessage, fieldErrors } from '@/lib/errors';
import { useLogin } from '../api/login';

type Field = 'username' | 'password';

/**
 * Sign-in form. A failed sign-in shows the server's message as is (it never says which of user
 * name and password was wrong); empty fields are caught before anything is sent.
 */
export function LoginForm({ onSuccess }: { onSuccess: (me: Me) => void }) {
  const { t } = useTranslation(['auth', 'common']);
  const id = useId();
  const login = useLogin();
  const [values, setValues] = useState<Record<Field, string>>({ username: '', password: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = loginRequestSchema.safeParse(values);
    if (!parsed.success) {
      const next: Partial<Record<Field, string>> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if ((field === 'username' || field === 'password') && !next[field]) {
          const empty = (field === 'username' ? values.username.trim() : values.password) === '';
          next[field] = empty
            ? t(field === 'username' ? 'usernameRequired' : 'passwordRequired')
            : issue.message;
        }
      }
      setErrors(next);
      return;
    }
    setErrors({});
    login.mutate(parsed.data, {
      onSuccess: (me) => onSuccess(me),
      onError: () => setValues((v) => ({ ...v, password: '' })),
    });
  };

  const server = fieldErrors(login.error);
  const fieldError = (field: Field) => errors[field] ?? server[field];

  const field = (name: Field, type: 'text' | 'password', autoComplete: string) => {
    const error = fieldError(name);
    return (
      <div className="space-y-1">
        <label htmlFor={`${id}-${name}`} className="block text-sm font-medium text-gray-800">
          {t(name)}
        </label>
        <input
          id={`${id}-${name}`}
          name={name}
          type={type}
          autoComplete={autoComplete}
          autoCapitalize="none"
          spellCheck={false}
          value={values[name]}
          onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-${name}-error` : undefined}
          data-testid={`login-${name}`}
          className={`block h-10 w-full rounded-md border bg-white px-3 text-sm text-gray-900 focus:outline-2 focus:outline-offset-0 focus:outline-blue-700/30 ${
            error ? 'border-red-600' : 'border-gray-300 focus:border-blue-700'
          }`}
        />
        {error && (
          <p id={`${id}-${name}-error`} className="text-xs text-red-700">
            {error}
          </p>
        )}
      </div>
    );
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label={t('title')} data-testid="login-form">
      {login.isError && <ErrorAlert>{errorMessage(login.error)}</ErrorAlert>}
      {field('username', 'text', 'username')}
      {field('password', 'password', 'current-password')}
      <Button
        type="submit"
        variant="primary"
        className="w-full"
        disabled={login.isPending}
        data-testid="login-submit"
      >
        {login.isPending && <Spinner className="size-3.5" />}
        {login.isPending ? t('submitting') : t('submit')}
      </Button>
    </form>
  );
}
