import { loginRequestSchema, type Me } from '@oig/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { FormErrorAlert } from '@/components/form/form-alert';
import { Spinner } from '@/components/ui/spinner';
import { isApiRequestError } from '@/lib/api-client';
import { errorMessage } from '@/lib/errors';
import { applyServerErrors } from '@/lib/form/server-errors';
import { useZodForm } from '@/lib/form/use-zod-form';
import type { FormMessages } from '@/lib/form/zod-messages';
import { cx } from '@/lib/class-names';
import { useLogin } from '../api/login';

type Field = 'username' | 'password';

/** The sign-in texts: which field is empty, or the schema's length rules. */
const MESSAGES: FormMessages = {
  username: { required: 'auth:usernameRequired', tooLong: 'auth:usernameLong' },
  password: { required: 'auth:passwordRequired', tooLong: 'auth:passwordLong' },
};

/**
 * Sign-in form. A failed sign-in shows the server's message as is (it never says which of user
 * name and password was wrong); empty fields are caught before anything is sent.
 */
export function LoginForm({ onSuccess }: { onSuccess: (me: Me) => void }) {
  const { t } = useTranslation(['auth', 'common']);
  const id = useId();
  const login = useLogin();
  const form = useZodForm(loginRequestSchema, {
    defaultValues: { username: '', password: '' },
    messages: MESSAGES,
    untrimmed: ['password'],
  });
  const { errors } = form.formState;

  const submit = form.handleSubmit((request) =>
    login.mutate(request, {
      onSuccess: (me) => onSuccess(me),
      onError: (error) => {
        form.setValue('password', '');
        applyServerErrors(form, error, {
          alwaysAlert: true,
          // A throttle's refusal in the console's words (the server's `message` is English).
          message: (e) =>
            isApiRequestError(e) && e.reason === 'too_many_failures' && e.params.minutes
              ? t('tooManyFailures', { count: Number(e.params.minutes) })
              : errorMessage(e),
        });
      },
    }),
  );

  const field = (name: Field, type: 'text' | 'password', autoComplete: string) => {
    const error = errors[name]?.message;
    return (
      <div className="space-y-1">
        <label htmlFor={`${id}-${name}`} className="block text-sm font-medium text-gray-800">
          {t(name)}
        </label>
        <input
          id={`${id}-${name}`}
          type={type}
          autoComplete={autoComplete}
          autoCapitalize="none"
          spellCheck={false}
          {...form.register(name)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-${name}-error` : undefined}
          data-testid={`login-${name}`}
          className={cx(
            'block h-10 w-full rounded-md border bg-white px-3 text-sm text-gray-900',
            'focus:outline-2 focus:outline-offset-0 focus:outline-blue-700/30',
            error ? 'border-red-600' : 'border-gray-300 focus:border-blue-700',
          )}
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
    <form
      onSubmit={(e) => void submit(e)}
      noValidate
      className="space-y-4"
      aria-label={t('title')}
      data-testid="login-form"
    >
      <FormErrorAlert errors={errors} />
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
