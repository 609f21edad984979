import { CsvReadError } from './error.js';

/** One line rule everywhere: CRLF, LF or CR end a line. Every scan here is linear. */

/** The physical line (1-based; CRLF, LF or CR end a line) of a byte offset, or of a character offset in text. */
export function lineAt(content: Uint8Array | string, offset: number): number {
  let line = 1;
  if (typeof content === 'string') {
    for (let i = 0; i < offset; i++) {
      const c = content.charCodeAt(i);
      if (c === 0x0a || (c === 0x0d && content.charCodeAt(i + 1) !== 0x0a)) line++;
    }
  } else {
    for (let i = 0; i < offset; i++) {
      const c = content[i];
      if (c === 0x0a || (c === 0x0d && content[i + 1] !== 0x0a)) line++;
    }
  }
  return line;
}

/** The number of physical lines of the text (a final line break does not start a line; "" has 0). */
export function countLines(text: string): number {
  const n = text.length;
  if (n === 0) return 0;
  // indexOf (the engine's own search) rather than a loop over every character: a 25 MB file's
  // count is one call on the server's event loop. Each LF is a break, and each CR not before one.
  let breaks = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) breaks++;
  for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 1))
    if (text.charCodeAt(i + 1) !== 0x0a) breaks++;
  const last = text.charCodeAt(n - 1);
  return last === 0x0a || last === 0x0d ? breaks : breaks + 1;
}

/** Refuses text of more than `max` lines (before it is parsed: bounded memory); else its line count. */
export function checkLineCount(text: string, max: number, what: string): number {
  const lines = countLines(text);
  if (lines > max) {
    const n = max.toLocaleString('en-US');
    throw new CsvReadError(
      'too_many_lines',
      `The file has ${lines.toLocaleString('en-US')} lines; ` +
        `${what} may have at most ${n} lines. Split it into smaller files`,
      `At most ${n} lines`,
      null,
      { lines: String(lines), max: String(max) },
    );
  }
  return lines;
}

/** The first line (without its line break) that holds something other than blanks; '' if none. Linear. */
export function firstNonBlankLine(text: string): string {
  const n = text.length;
  let start = 0;
  while (start < n) {
    let end = start;
    let blank = true;
    for (; end < n; end++) {
      const c = text.charCodeAt(end);
      if (c === 0x0a || c === 0x0d) break;
      if (blank && !isBlankChar(c)) blank = false;
    }
    if (!blank) return text.slice(start, end);
    start = end + (text.charCodeAt(end) === 0x0d && text.charCodeAt(end + 1) === 0x0a ? 2 : 1);
  }
  return '';
}

/** What `\s` matches (one character code). */
function isBlankChar(c: number): boolean {
  return (
    c === 0x20 ||
    (c >= 0x09 && c <= 0x0d) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
