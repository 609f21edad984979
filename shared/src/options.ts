import { z } from 'zod';

export const LOGGING_LEVELS = ['error', 'warning', 'info', 'trace'] as const;
export type LoggingLevel = (typeof LOGGING_LEVELS)[number];

/** An e-mail address as the console accepts it: one address, no display name, no CR/LF. */
export const emailSchema = z
  .string({ error: 'E-mail address is required' })
  .trim()
  .max(254, 'E-mail address is at most 254 characters')
  .pipe(z.email({ error: 'Enter a valid e-mail address, e.g. admin@example.com' }));

export const optionsSchema = z.object({
  loggingLevel: z.enum(LOGGING_LEVELS),
  /** Where the monthly usage report goes; null = not sent. */
  usageReportEmail: z.string().nullable(),
  /** Configured session idle limits (read-only; set by environment). */
  keepAlive: z.object({ soapSeconds: z.number(), restSeconds: z.number() }),
});
export type Options = z.infer<typeof optionsSchema>;

/** PUT /options: any of the editable settings; null clears the report address. */
export const updateOptionsRequestSchema = z
  .object({
    loggingLevel: z
      .enum(LOGGING_LEVELS, { error: 'Logging level must be error, warning, info or trace' })
      .optional(),
    usageReportEmail: emailSchema.nullable().optional(),
  })
  .strict()
  .refine(
    (o) => o.loggingLevel !== undefined || o.usageReportEmail !== undefined,
    'Nothing to change: send loggingLevel and/or usageReportEmail',
  );
export type UpdateOptionsRequest = z.infer<typeof updateOptionsRequestSchema>;
