import { z } from 'zod';

/**
 * The values a stored reason's words name (a status code, a time in ms, a host's own answer), as
 * the console fills them into its own sentence.
 */
export const reasonParamsSchema = z.record(z.string(), z.union([z.string(), z.number()]));
export type ReasonParams = z.infer<typeof reasonParamsSchema>;

/**
 * A text the server stores or computes for people (a failed MCS fetch, a probe's reason, a Google
 * sync's failure, a mail's delivery error), as a stable `code` and its `params`, beside the English
 * text it stands for. The console says it in its own language; for a code it does not know (a newer
 * server) it shows the English text. The codes each field can hold are listed beside it; the schema
 * accepts any text so that such a newer code still parses.
 */
export const statusReasonSchema = z.object({ code: z.string(), params: reasonParamsSchema });
export interface StatusReason<C extends string = string> {
  code: C;
  params: ReasonParams;
}

/** A reason's code as the API documents it: one of `codes`, or a newer one this side does not know. */
export const reasonOf = <C extends readonly [string, ...string[]]>(codes: C) =>
  z.object({ code: z.union([z.enum(codes), z.string()]), params: reasonParamsSchema });
