import { z } from 'zod';

/**
 * A form schema with a `confirm` field that must repeat `field` (a new password typed twice):
 * a rule of the form only, the server never sees `confirm`. The mismatch is the custom issue
 * `passwordMismatch` on `confirm`; with `whenValid` it is reported only once `field` itself is
 * valid (one message at a time).
 */
export function withConfirmation<Shape extends z.core.$ZodShape, K extends keyof Shape & string>(
  schema: z.ZodObject<Shape, z.core.$strict>,
  field: K,
  { whenValid = false }: { whenValid?: boolean } = {},
) {
  // safeExtend keeps the schema's own refinements (e.g. "differs from the current password").
  const extended = schema.safeExtend({ confirm: z.string() } as never) as unknown as z.ZodObject<
    Shape & { confirm: z.ZodString },
    z.core.$strict
  >;
  return extended.refine(
    (values) => (values as Record<string, unknown>)[field] === (values as { confirm: string }).confirm,
    {
      path: ['confirm'],
      message: 'The two passwords do not match',
      params: { code: 'passwordMismatch' },
      ...(whenValid && {
        when: (payload) => !payload.issues.some((issue) => issue.path?.[0] === field),
      }),
    },
  );
}
