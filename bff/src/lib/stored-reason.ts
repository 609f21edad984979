import { reasonParamsSchema, type StatusReason } from '@oig/shared';
import { z } from 'zod';

/** A reason as a column or setting keeps it: its code and params, and the English text it stands for. */
const storedSchema = z.object({ code: z.string(), params: reasonParamsSchema, text: z.string() });

/** A reason beside its English text, as JSON for its column; null without either. */
export function storeReason(reason: StatusReason | null | undefined, text: string | null): string | null {
  if (!reason || text === null) return null;
  return JSON.stringify({ code: reason.code, params: reason.params, text });
}

/**
 * The stored reason, only while it still stands for `text` (the row's English text now): a process
 * of a previous version writes the text alone and leaves an older reason beside it. Null otherwise,
 * so the console shows the English text.
 */
export function readReason(json: string | null | undefined, text: string | null): StatusReason | null {
  if (!json || text === null) return null;
  try {
    const parsed = storedSchema.safeParse(JSON.parse(json));
    return parsed.success && parsed.data.text === text
      ? { code: parsed.data.code, params: parsed.data.params }
      : null;
  } catch {
    return null;
  }
}
