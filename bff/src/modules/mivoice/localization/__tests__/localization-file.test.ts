import { firstInvalidUtf8 } from '@oig/shared';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../http/app-error.js';
import { parseCsvRecords } from '../../../../lib/csv-read.js';
import {
  decodeLocalizationFile,
  detectDelimiter,
  localizationFileName,
  parseLocalizationFileName,
} from '../localization.file.js';

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

describe('file name rule', () => {
  it.each([
    ['MiVoice Integration for Google_ja.csv', 'google', 'ja'],
    ['MiVoice Integration for Salesforce_pt-BR.csv', 'salesforce', 'pt-br'],
    ['mivoice integration for google_ZH-CN.CSV', 'google', 'zh-cn'],
    ['C:\\Users\\me\\MiVoice Integration for Google_en.csv', 'google', 'en'],
    ['/tmp/MiVoice Integration for Salesforce_sv.Csv', 'salesforce', 'sv'],
  ])('%s → %s %s', (name, app, lang) => {
    const r = parseLocalizationFileName(name);
    expect([r.application, r.language]).toEqual([app, lang]);
    expect(r.fileName).toBe(name.split(/[\\/]/).pop());
  });

  it('export names', () => {
    expect(localizationFileName('google', 'ja')).toBe('MiVoice Integration for Google_ja.csv');
    expect(localizationFileName('salesforce', 'pt-br')).toBe('MiVoice Integration for Salesforce_pt-br.csv');
  });

  it.each([
    [
      'strings.csv',
      /^The file name must be "MiVoice Integration for Google_xx.csv" or "MiVoice Integration for Salesforce_xx.csv", where xx is a language code \(zh-cn, zh-tw, da, nl, en, fi, fr, de, it, ja, ko, nb, pt-pt, pt-br, ru, es, sv\); got "strings.csv"$/,
    ],
    [
      'MiVoice Integration for Google-ja.csv',
      /^The file name must be "MiVoice Integration for Google_xx.csv" or/,
    ],
    ['MiVoice Integration for Outlook_ja.csv', /^The file name must be/],
    ['', /got ""$/],
    [
      'MiVoice Integration for Google_ja',
      /^The file name must end with \.csv: "MiVoice Integration for Google_xx.csv"; got "MiVoice Integration for Google_ja"$/,
    ],
    ['MiVoice Integration for Google_ja.txt', /must end with \.csv/],
    ['MiVoice Integration for Google_ja.csv.exe', /must end with \.csv/],
    [
      'MiVoice Integration for Google_xx.csv',
      /^"xx" in "MiVoice Integration for Google_xx.csv" is not a language code: name the file "MiVoice Integration for Google_xx.csv" where xx is one of zh-cn, zh-tw, da, nl, en, fi, fr, de, it, ja, ko, nb, pt-pt, pt-br, ru, es, sv$/,
    ],
    ['MiVoice Integration for Salesforce_jp.csv', /^"jp" in .* is not a language code/],
    ['MiVoice Integration for Google_.csv', /^"" in .* is not a language code/],
    ['MiVoice Integration for Google_pt_br.csv', /^"pt_br" in .* is not a language code/],
  ])('%j → 400 naming file', (name, message) => {
    const e = thrown(() => parseLocalizationFileName(name));
    expect(e.status).toBe(400);
    expect(e.message).toMatch(message);
    expect(Object.keys(e.fields ?? {})).toEqual(['file']);
  });
});

describe('decoding', () => {
  it('UTF-8 with and without BOM; UTF-16 LE/BE with BOM', () => {
    const text = 'messageKey,languageValue\r\nsave,保存 ✓ 😀\r\n';
    expect(decodeLocalizationFile(Buffer.from(text, 'utf8'))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeLocalizationFile(Buffer.from(`\uFEFF${text}`, 'utf8'))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeLocalizationFile(Buffer.from(`\uFEFF${text}`, 'utf16le'))).toEqual({
      text,
      encoding: 'utf-16le',
    });
    const be = Buffer.from(`\uFEFF${text}`, 'utf16le').swap16();
    expect(decodeLocalizationFile(be)).toEqual({ text, encoding: 'utf-16be' });
    // A BOM-like character inside the text stays.
    expect(decodeLocalizationFile(Buffer.from(`\uFEFFa\uFEFFb`, 'utf8')).text).toBe('a\uFEFFb');
  });

  it('bytes that are not UTF-8: 400 with the line (LF, CRLF or CR line ends)', () => {
    const latin1 = Buffer.concat([
      Buffer.from('messageKey,languageValue\r\nsave,ok\r\ncancel,Annul'),
      Buffer.from([0xe9]),
      Buffer.from('\r\n'),
    ]);
    const e = thrown(() => decodeLocalizationFile(latin1));
    expect(e.status).toBe(400);
    expect(e.message).toBe(
      'Line 3 is not UTF-8 (byte 0xE9): the file is in another encoding such as Latin-1/Windows-1252, or mixes encodings. Save it as "CSV UTF-8" or as "Unicode Text"',
    );
    expect(e.fields).toEqual({ file: 'Line 3: not UTF-8' });
    expect(
      thrown(() => decodeLocalizationFile(Buffer.from([0x61, 0x0d, 0x62, 0x0a, 0x63, 0xff]))).message,
    ).toMatch(/^Line 3 is not UTF-8 \(byte 0xFF\)/);
  });

  it('UTF-8 validation: overlongs, surrogates, truncated sequences', () => {
    expect(firstInvalidUtf8(Buffer.from('aé€😀', 'utf8'))).toBe(-1);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xc0, 0xaf]))).toBe(1);
    expect(firstInvalidUtf8(Buffer.from([0xe0, 0x80, 0xaf]))).toBe(0);
    expect(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0x62, 0xe3, 0x81]))).toBe(2);
    expect(firstInvalidUtf8(Buffer.from([0xf4, 0x90, 0x80, 0x80]))).toBe(0);
  });

  it('UTF-16 problems and UTF-16 without BOM are 400s', () => {
    expect(thrown(() => decodeLocalizationFile(Buffer.from([0xff, 0xfe, 0x61]))).message).toMatch(
      /length is odd/,
    );
    const lone = Buffer.concat([
      Buffer.from('\uFEFFa\nb', 'utf16le'),
      Buffer.from([0x00, 0xd8]),
      Buffer.from('c', 'utf16le'),
    ]);
    expect(thrown(() => decodeLocalizationFile(lone)).message).toMatch(/line 2 holds an unpaired surrogate/);
    expect(
      thrown(() => decodeLocalizationFile(Buffer.from('messageKey,languageValue', 'utf16le'))).message,
    ).toMatch(
      /^Line 1 contains a NUL byte: this is not a text CSV file \(binary, or UTF-16 without a byte-order mark\)/,
    );
  });
});

describe('CSV records', () => {
  it('quoted fields keep delimiters, quotes and line breaks exactly; records carry their first line', () => {
    const text = 'a,b\r\n"x,1","say ""hi"""\r\n"multi\r\nline\nvalue\rend",z\r\n\r\nlast,"q"';
    expect(parseCsvRecords(text, ',')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x,1', 'say "hi"'] },
      { line: 3, cells: ['multi\r\nline\nvalue\rend', 'z'] },
      { line: 7, cells: [''] },
      { line: 8, cells: ['last', 'q'] },
    ]);
    expect(parseCsvRecords('a;b;\n', ';')).toEqual([{ line: 1, cells: ['a', 'b', ''] }]);
    expect(parseCsvRecords('a\tb "c"\n', '\t')).toEqual([{ line: 1, cells: ['a', 'b "c"'] }]);
  });

  it('a quote left open: 400 with the line it opened on', () => {
    const e = thrown(() =>
      parseCsvRecords('messageKey,languageValue\nsave,ok\ncancel,"not closed\nmore\n', ','),
    );
    expect(e.message).toBe(
      'Line 3: a quoted field is never closed (its opening " has no closing " before the end of the file). Check the quotes on that line',
    );
    expect(e.fields).toEqual({ file: 'Line 3: quote not closed' });
  });

  it('text after a closing quote: 400 with the line', () => {
    expect(thrown(() => parseCsvRecords('a,b\nsave,"x"y\n', ',')).message).toMatch(
      /^Line 2: a quoted field has text after its closing quote/,
    );
  });

  it('delimiter from the header (any case; comma, semicolon, tab; quoted names)', () => {
    expect(detectDelimiter('messageKey,languageValue\r\n')).toBe(',');
    expect(detectDelimiter('MESSAGEKEY;languagevalue\n')).toBe(';');
    expect(detectDelimiter('messageKey\tlanguageValue')).toBe('\t');
    expect(detectDelimiter('"messageKey","languageValue"\r\nx')).toBe(',');
  });

  it.each([
    ['key,value\r\n', 'found "key,value"'],
    ['messageKey\r\n', 'found "messageKey"'],
    ['messageKey,languageValue,comment\r\n', 'found "messageKey,languageValue,comment"'],
    ['messageKey|languageValue\r\n', 'found "messageKey|languageValue"'],
    ['\r\nmessageKey,languageValue\r\n', 'the first line is empty'],
    ['', 'the first line is empty'],
  ])('wrong header %j: 400 on line 1', (text, found) => {
    const e = thrown(() => detectDelimiter(text));
    expect(e.message).toBe(
      `Line 1: the header must be messageKey,languageValue (comma, semicolon or tab between them); ${found}`,
    );
    expect(e.fields).toEqual({ file: 'Line 1: the header must be messageKey,languageValue' });
  });
});
