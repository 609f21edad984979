import { CsvReadError } from '@oig/shared';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../http/app-error.js';
import { checkLineCount, decodeTextUpload, parseCsvRecords, toAppError } from '../csv-read.js';

/** The AppError a call throws. */
function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected an AppError');
}

// The reader itself is tested in shared/src/csv/read.test.ts; here, only its answer as a 400.
describe('the shared CSV reader on the server', () => {
  it('answers a CsvReadError as a 400: its message, its short form as the file field', () => {
    const e = thrown(() => checkLineCount('a\nb\nc', 2, 'a list'));
    expect([e.status, e.code, e.message, e.fields]).toEqual([
      400,
      'validation_failed',
      'The file has 3 lines; a list may have at most 2 lines. Split it into smaller files',
      { file: 'At most 2 lines' },
    ]);
    expect(thrown(() => decodeTextUpload(new Uint8Array([0x61, 0, 0x62]), 'Save it as CSV.')).fields).toEqual(
      {
        file: 'Line 1: NUL byte',
      },
    );
    expect(thrown(() => parseCsvRecords('a\n"open\n', ',')).fields).toEqual({
      file: 'Line 2: quote not closed',
    });
  });

  it('leaves any other error as it is', () => {
    const other = new Error('boom');
    expect(toAppError(other)).toBe(other);
    expect(toAppError(new CsvReadError('no_header', 'No header'))).toMatchObject({
      status: 400,
      fields: { file: 'No header' },
    });
  });
});
