import { reasonParamsSchema } from '@oig/shared';
import { z } from 'zod';
import { AppError, fieldProblem } from '../../http/app-error.js';

/**
 * An attachment: its content as bytes (callers are internal: no HTTP route enqueues mail), stored
 * in parts of MAIL_PART_BYTES (mail.repo.ts) and base64-encoded by nodemailer as it is sent.
 */
const attachmentSchema = z.object({
  filename: z.string().min(1).max(255),
  contentType: z.string().min(1).max(255),
  content: z.custom<Uint8Array>((v) => v instanceof Uint8Array, {
    message: 'the content must be bytes (a Uint8Array)',
  }),
});
/** A message to enqueue; `to` are bare addresses, `from` defaults to the console's sender. */
export const enqueueSchema = z
  .object({
    kind: z.string().min(1).max(64),
    to: z.array(z.email()).min(1).max(50),
    from: z.string().min(3).max(320).optional(),
    subject: z.string().max(998),
    /** The values the console says the subject with in its language (see MAIL_KINDS); the mail keeps `subject`. */
    subjectParams: reasonParamsSchema.optional(),
    html: z.string().optional(),
    text: z.string().optional(),
    headers: z
      .record(z.string().regex(/^X-[A-Za-z0-9-]+$/, 'only X- headers may be added'), z.string().max(998))
      .optional(),
    attachments: z.array(attachmentSchema).max(20).optional(),
    idempotencyKey: z.string().min(1).max(200).optional(),
  })
  .refine((m) => m.html !== undefined || m.text !== undefined, {
    message: 'html or text is required',
    path: ['text'],
  });
export type EnqueueMail = z.input<typeof enqueueSchema>;
export type Attachment = z.infer<typeof attachmentSchema>;

/** Header injection: no CR or LF in anything that becomes a header. Names the first bad field. */
export function refuseLineBreaks(msg: EnqueueMail): void {
  const bad = (v: unknown) => typeof v === 'string' && /[\r\n]/.test(v);
  const fields: Array<[string, unknown]> = [
    ['from', msg.from],
    ['subject', msg.subject],
    ['kind', msg.kind],
    ['idempotencyKey', msg.idempotencyKey],
  ];
  (Array.isArray(msg.to) ? msg.to : []).forEach((a, i) => fields.push([`to.${i}`, a]));
  for (const [k, v] of Object.entries(msg.headers ?? {}))
    fields.push([`headers.${k}`, k], [`headers.${k}`, v]);
  (msg.attachments ?? []).forEach((a, i) =>
    fields.push([`attachments.${i}.filename`, a?.filename], [`attachments.${i}.contentType`, a?.contentType]),
  );
  const hit = fields.find(([, v]) => bad(v));
  if (hit)
    throw new AppError(
      'validation_failed',
      'line_breaks_not_allowed',
      `${hit[0]}: line breaks are not allowed`,
      {
        params: { field: hit[0] },
        fields: {
          [hit[0]]: fieldProblem('line_breaks_not_allowed', 'line breaks are not allowed', { field: hit[0] }),
        },
      },
    );
}
