import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { toCsv, withBom } from '../csv.js';

describe('toCsv', () => {
  it.each([
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+33 1 23', "'+33 1 23"],
    ['-1', "'-1"],
    ['@cmd', "'@cmd"],
    ['\t=1', "'\t=1"],
    // papaparse's own pattern (`.*$`) lets these through: a line separator inside the cell.
    ['=HYPERLINK("http://x")\u2028a', '\'=HYPERLINK("http://x")\u2028a'],
    ['=1\u2029', "'=1\u2029"],
    ['plain = text', 'plain = text'],
  ])('neutralises %j as a spreadsheet formula when it starts like one', (cell, expected) => {
    const csv = toCsv([[cell]]);
    expect(Papa.parse<string[]>(csv).data[0]![0]).toBe(expected);
  });

  it('quotes cells holding ; or a tab, so a spreadsheet splitting on them cannot start a formula cell', () => {
    expect(toCsv([["Bob;=cmd|' /C calc'!A0", 'a\tb', 'plain']])).toBe(
      '"Bob;=cmd|\' /C calc\'!A0","a\tb",plain',
    );
  });

  it('keeps valid phone numbers in phone columns, neutralises the others', () => {
    expect(
      toCsv(
        {
          fields: ['phone_number', 'name'],
          data: [
            ['+33 1 23', '+33 1 23'],
            ['-1-1', 'x'],
            ['(0)1 23', 'y'],
          ],
        },
        { phoneColumns: ['phone_number'] },
      ),
    ).toBe("phone_number,name\r\n+33 1 23,'+33 1 23\r\n'-1-1,x\r\n(0)1 23,y");
  });

  it('writes CRLF rows, and the BOM only when asked', () => {
    expect(toCsv({ fields: ['a', 'b'], data: [['1', '2']] })).toBe('a,b\r\n1,2');
    expect(withBom('a')).toBe('\uFEFFa');
  });
});
