import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, type FieldValues, type Resolver, type UseFormProps } from 'react-hook-form';
import type { z } from 'zod';
import { translateIssues, type MessageOptions } from './zod-messages';

/**
 * zodResolver over a schema whose issues read in the console language: a shared schema's own
 * texts are the server's English ones and, being set on the schema, win over any per-parse error
 * map; so the parse is wrapped and each issue's message replaced from its code (zod-messages).
 */
export function zodFormResolver<S extends z.ZodType<unknown, FieldValues>>(
  schema: S,
  options: MessageOptions = {},
): Resolver<z.input<S>, unknown, z.output<S>> {
  const parse = async (values: unknown, params?: z.core.ParseContext<z.core.$ZodIssue>) => {
    const result = await schema.safeParseAsync(values, params);
    if (result.success) return result.data;
    translateIssues(result.error.issues, values, options);
    throw result.error;
  };
  const translating = Object.create(schema, { parseAsync: { value: parse } }) as S;
  return zodResolver(translating) as unknown as Resolver<z.input<S>, unknown, z.output<S>>;
}

export type UseZodFormOptions<V extends FieldValues, O> = Omit<
  UseFormProps<V, unknown, O>,
  'resolver' | 'formControl'
> &
  MessageOptions;

/**
 * Every console form: react-hook-form validated by a (shared) zod schema on submit, the messages
 * translated, focus on the first field in error. Messages stay until the next submit, as the
 * console's forms always did (a form clears one itself where it wants to, e.g. on change).
 */
export function useZodForm<S extends z.ZodType<unknown, FieldValues>>(
  schema: S,
  { messages, params, untrimmed, ...options }: UseZodFormOptions<z.input<S>, z.output<S>> = {},
) {
  return useForm<z.input<S>, unknown, z.output<S>>({
    mode: 'onSubmit',
    reValidateMode: 'onSubmit',
    shouldFocusError: true,
    ...options,
    resolver: zodFormResolver(schema, { messages, params, untrimmed }),
  });
}
