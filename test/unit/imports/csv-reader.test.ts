import { describe, expect, it } from 'vitest';
import { CsvFormatError, openCsv } from '../../../shared/imports/csv-reader';

async function read(text: string, chunkSize = 7, maxRecordChars = 20) {
  const bytes = new TextEncoder().encode(text);
  // Small chunks, so records and line breaks straddle them.
  const chunks = async function* () {
    for (let at = 0; at < bytes.length; at += chunkSize) yield bytes.subarray(at, at + chunkSize);
  };
  const { header, records } = await openCsv(chunks(), { encoding: 'utf8', delimiter: ',', maxRecordChars });
  const all = [];
  for await (const record of records) all.push(record);
  return { header, records: all };
}

describe('reading a CSV', () => {
  it('numbers records and the physical lines they start on, across blank lines and quoted line breaks', async () => {
    const text = [
      '',
      'Email,Address',
      'a@example.org,"1 High St',
      'Leeds"',
      '',
      '',
      'b@example.org,plain',
      'c@example.org,"two\r\nbreaks\nhere"',
      '   ',
      'd@example.org,last',
    ].join('\r\n');
    const { header, records } = await read(text, 7, 100);
    expect(header).toEqual(['Email', 'Address']);
    expect(records.map(({ record, line, fields }) => ({ record, line, first: fields[0] }))).toEqual([
      { record: 1, line: 3, first: 'a@example.org' },
      { record: 2, line: 7, first: 'b@example.org' },
      { record: 3, line: 8, first: 'c@example.org' },
      // A line of spaces is a record (of one field), as spreadsheets export it; the import rejects it.
      { record: 4, line: 11, first: '   ' },
      { record: 5, line: 12, first: 'd@example.org' },
    ]);
  });

  it('keeps counting lines the same whatever the chunks', async () => {
    const text = 'Name,Email\n"Ann\nLee",a@example.org\n\nBob,b@example.org\n';
    for (const size of [1, 2, 3, 5, 64]) {
      const { records } = await read(text, size, 100);
      expect(records.map(({ line }) => line)).toEqual([2, 5]);
    }
  });

  it('stops at a runaway quote, saying on which line the overlong record is', async () => {
    const text = `Email,Note\na@example.org,fine\nb@example.org,"never closed\n${'x,y\n'.repeat(10)}`;
    await expect(read(text)).rejects.toThrow(
      new CsvFormatError('Line 3: a record is longer than 20 characters (an unclosed quote, or a huge field).'),
    );
  });
});
