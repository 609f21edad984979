/**
 * A problem with an uploaded CSV file as a whole (its encoding, its quotes, its size, its header).
 * It has no HTTP in it, so the console can raise the same error the server does: the server turns
 * it into a 400 (`message`, and `summary` as the `file` field), the console words it in the
 * user's language from `code`, `params` and `line`.
 */
export type CsvReadErrorCode =
  | 'not_csv'
  | 'utf16_odd_length'
  | 'utf16_lone_surrogate'
  | 'nul'
  | 'not_utf8'
  | 'too_many_lines'
  | 'quote_not_closed'
  | 'text_after_quote'
  | 'too_many_fields'
  | 'too_many_columns'
  | 'no_header'
  | 'wrong_header';

export class CsvReadError extends Error {
  override readonly name = 'CsvReadError';
  constructor(
    readonly code: CsvReadErrorCode,
    /** The English sentence the server sends. */
    message: string,
    /** Its short form (the server's `file` field). */
    readonly summary: string = message,
    /** The physical line (1-based) it is on, when it is on one. */
    readonly line: number | null = null,
    readonly params: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}
