import type { UserListImportReport } from '../mivoice.js';
import { CsvReadError } from './error.js';
import { lineAt } from './lines.js';

/** Bytes → text, strictly: what cannot be decoded exactly is refused with the line it is on. */

export type TextEncoding = UserListImportReport['encoding'];

/** Offset of the first byte that does not belong to well-formed UTF-8 (as the fatal TextDecoder decides), or -1. */
export function firstInvalidUtf8(b: Uint8Array, from = 0, to = b.length): number {
  let i = from;
  while (i < to) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= to) return i;
      const d = b[i + k]!;
      if (k === 1 ? d < lo || d > hi : d < 0x80 || d > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** Index (in UTF-16 code units) of the first unpaired surrogate of a UTF-16 body, or -1. */
function findLoneSurrogate(body: Uint8Array, le: boolean): number {
  const n = body.length / 2;
  const unit = (i: number) =>
    le ? body[2 * i]! | (body[2 * i + 1]! << 8) : (body[2 * i]! << 8) | body[2 * i + 1]!;
  for (let i = 0; i < n; i++) {
    const u = unit(i);
    if (u >= 0xd800 && u <= 0xdbff) {
      const next = i + 1 < n ? unit(i + 1) : -1;
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return i;
    }
    if (u >= 0xdc00 && u <= 0xdfff) return i;
  }
  return -1;
}

/**
 * Decodes an uploaded text file: UTF-8 with or without BOM (the BOM is dropped; one inside the
 * text stays), or UTF-16 LE/BE with a BOM (Excel "Unicode Text"). Refused (CsvReadError) naming the
 * line: an Excel workbook / ZIP, bytes that are not UTF-8, a UTF-16 file of odd length or with
 * an unpaired surrogate, a NUL (binary, or UTF-16 without BOM; PostgreSQL cannot store it).
 * `saveAs` tells the user how to save the file instead.
 */
export function decodeTextUpload(
  bytes: Uint8Array,
  saveAs: string,
): { text: string; encoding: TextEncoding } {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (bytes.length >= 4 && b0 === 0x50 && b1 === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    throw new CsvReadError(
      'not_csv',
      `This is an Excel workbook or a ZIP archive, not a CSV file. ${saveAs}`,
      'Not a CSV file (Excel workbook or ZIP archive)',
    );
  }
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
    const encoding: TextEncoding = b0 === 0xff ? 'utf-16le' : 'utf-16be';
    const body = bytes.subarray(2);
    const name = encoding.toUpperCase();
    if (body.length % 2 !== 0)
      throw new CsvReadError(
        'utf16_odd_length',
        `The file starts with a UTF-16 byte-order mark but its length is odd: it is truncated or not UTF-16. ${saveAs}`,
        `Not ${name}`,
        null,
        { encoding },
      );
    const bad = findLoneSurrogate(body, encoding === 'utf-16le');
    const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(body);
    if (bad >= 0) {
      const line = lineAt(text, bad);
      throw new CsvReadError(
        'utf16_lone_surrogate',
        'The file starts with a UTF-16 byte-order mark but is not valid UTF-16: ' +
          `line ${line} holds an unpaired surrogate. ${saveAs}`,
        `Line ${line}: not ${name}`,
        line,
        { encoding },
      );
    }
    checkNul(text, saveAs, 'character');
    return { text, encoding };
  }
  const bom = b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  const nul = body.indexOf(0);
  if (nul !== -1) {
    const line = lineAt(body, nul);
    throw new CsvReadError(
      'nul',
      `Line ${line} contains a NUL byte: this is not a text CSV file ` +
        `(binary, or UTF-16 without a byte-order mark). ${saveAs}`,
      `Line ${line}: NUL byte`,
      line,
    );
  }
  try {
    return {
      text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body),
      encoding: 'utf-8',
    };
  } catch {
    const bad = firstInvalidUtf8(body);
    const at = bad === -1 ? body.length - 1 : bad;
    const line = lineAt(body, at);
    const hex = (body[at] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    throw new CsvReadError(
      'not_utf8',
      `Line ${line} is not UTF-8 (byte 0x${hex}): the file is in another encoding ` +
        `such as Latin-1/Windows-1252, or mixes encodings. ${saveAs}`,
      `Line ${line}: not UTF-8`,
      line,
      { byte: hex },
    );
  }
}

function checkNul(text: string, saveAs: string, what: 'character'): void {
  const nul = text.indexOf('\u0000');
  if (nul !== -1) {
    const line = lineAt(text, nul);
    throw new CsvReadError(
      'nul',
      `Line ${line} contains a NUL ${what}: this is not a text CSV file. ${saveAs}`,
      `Line ${line}: NUL ${what}`,
      line,
    );
  }
}
