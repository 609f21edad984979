import { useState } from 'react';
import { formErrorsOf } from './errors';

/**
 * The error state of a form that checks itself, then sends: `submit(clientErrors, send,
 * serverNames)` shows the client's messages and stops, or sends; a refusal from the server
 * lands on the fields it names (`serverNames`: form field → the server's name for it), or
 * above the buttons as one message. Resolves true when the request succeeded.
 */
export function useFormErrors<F extends string>() {
  const [errors, setErrors] = useState<Partial<Record<F, string>>>({});
  const [formError, setFormError] = useState<string | undefined>();

  const submit = async (
    clientErrors: Partial<Record<F, string>>,
    send: () => Promise<unknown>,
    serverNames: Readonly<Partial<Record<F, string>>>,
  ): Promise<boolean> => {
    setFormError(undefined);
    setErrors(clientErrors);
    if (Object.keys(clientErrors).length > 0) return false;
    try {
      await send();
      return true;
    } catch (error) {
      const server = formErrorsOf(error, serverNames as Readonly<Record<F, string>>);
      setErrors(server.fields);
      setFormError(server.form);
      return false;
    }
  };

  return { errors, formError, submit };
}
