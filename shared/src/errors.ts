import { z } from 'zod';

/** Stable error codes of the admin API; each maps to one HTTP status on the server. */
export const ERROR_CODES = [
  'bad_request',
  'validation_failed',
  'unauthenticated',
  'invalid_credentials',
  'forbidden',
  'csrf_failed',
  'not_found',
  'conflict',
  'payload_too_large',
  'rate_limited',
  'unavailable',
  /** A peer we depend on (e.g. the Mitel Certificate Server) failed or timed out. */
  'upstream_failed',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const apiErrorSchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    /** Per-field messages, keyed by the dotted path of the field. */
    fields: z.record(z.string(), z.string()).optional(),
    /**
     * A finer, stable reason within `code` (e.g. `group_closed`) and the values its message
     * names, so the console can say it in its own language; `message` is the English text.
     */
    reason: z.string().optional(),
    params: z.record(z.string(), z.string()).optional(),
  }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;
