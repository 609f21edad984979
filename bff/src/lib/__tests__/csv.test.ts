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

  it('writes CRLF rows, and the BOM only when asked', () => {
    expect(toCsv({ fields: ['a', 'b'], data: [['1', '2']] })).toBe('a,b\r\n1,2');
    expect(withBom('a')).toBe('\uFEFFa');
  });
});
