import type { z } from 'zod';
import { AppError } from './app-error.js';

/** Parses a request part with a shared schema; a failure is a 400 naming the field. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, what = 'Request'): z.infer<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw AppError.fromZod(r.error, value, what);
  return r.data;
}
