import { describe, expect, it } from 'vitest';
import { couldBeFormula, csvCell } from '../../../shared/core/files/csv-writer';

describe('CSV cells Voxcitio writes', () => {
  it('neutralise what a spreadsheet would run as a formula', () => {
    for (const text of ['=HYPERLINK("http://x")', '@SUM(A1)', "+cmd|'/C calc'!A0", '-2+3+cmd|x', '\tx', '+', '-'])
      expect(csvCell(text), text).toMatch(/^"?'/);
  });

  it('leave phone numbers and signed numbers as they are, so they paste into an SMS tool', () => {
    for (const text of ['+447700900123', '+44 7700 900123', '+1 (555) 010-4567', '-12.5', '+3'])
      expect([couldBeFormula(text), csvCell(text)], text).toEqual([false, text]);
  });

  it('quote cells with commas, quotes or line breaks', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
  });
});
