import { parse as parseSync } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CsvFormatError, checkHeader, csvParseOptions, openCsv } from '../../../shared/imports/pipeline/csv-reader';
import { analyseCsvSample } from '../../../shared/imports/pipeline/import-pipeline';
import { CPU_HEAVY_TEST_MS } from '../../support/eventually';

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

  it('stops at an unclosed quote without reading the rest of the file', async () => {
    let pulled = 0;
    const chunks = async function* () {
      yield new TextEncoder().encode('Email,Note\na@example.org,"never closed');
      for (; pulled < 10_000; pulled++) yield new TextEncoder().encode('x'.repeat(100));
    };
    const { records } = await openCsv(chunks(), { encoding: 'utf8', delimiter: ',', maxRecordChars: 1000 });
    await expect(
      (async () => {
        for await (const _ of records);
      })(),
    ).rejects.toThrow(/^Line 2: a record is longer than 1000 characters/);
    expect(pulled).toBeLessThan(100);
  });

  it('names the line where a runaway quote starts when csv-parse takes over part-way, whatever the line breaks', async () => {
    for (const lineBreak of ['\n', '\r\n']) {
      const lines = ['Email,Note', 'a@example.org,one', 'b@example.org,two', '', 'c@example.org,"never closed'];
      const text = [...lines, ...Array.from({ length: 30 }, () => 'x,y')].join(lineBreak);
      await expect(read(text, 5, 60)).rejects.toThrow(
        new CsvFormatError('Line 5: a record is longer than 60 characters (an unclosed quote, or a huge field).'),
      );
    }
    await expect(read('Email,Note\na@example.org,"never closed\n', 5, 1000)).rejects.toThrow(
      new CsvFormatError('Line 2: a quote is opened and never closed.'),
    );
  });

  it('skips a line of just "" as blank, in the analysis of an upload as in the import', async () => {
    const text = '""\nEmail,Name\n""\na@example.org,Ann\n';
    const analysis = analyseCsvSample(Buffer.from(text), { defaultCountry: 'GB', wholeFile: true });
    expect(analysis.header).toEqual(['Email', 'Name']);
    expect(analysis.preview).toEqual([['a@example.org', 'Ann']]);
    const { header, records } = await read(text, 4, 100);
    expect(header).toEqual(['Email', 'Name']);
    expect(records).toEqual([{ fields: ['a@example.org', 'Ann'], record: 1, line: 4 }]);
  });

  it('reads what csv-parse reads, record for record and line for line, on random text cut at random', {
    timeout: CPU_HEAVY_TEST_MS,
  }, async () => {
    // Quotes doubled, stray, after a closing quote and unclosed; every kind of line break; blank lines; two-byte
    // and astral characters; some records too long to read fast, some too long for the limit.
    const pieces = ['a', 'bc', 'é', '𝄞', ' ', ',', ',', '"', '"', '""', '\n', '\n', '\r\n', '\r', 'x'.repeat(25)];
    const random = seeded(20261124);
    for (let round = 0; round < 2000; round++) {
      const lineBreak = ['\n', '\r\n', '\r'][Math.floor(random() * 3)] as string;
      let text = `Name,Email${lineBreak}`;
      const length = Math.floor(random() * 40);
      for (let piece = 0; piece < length; piece++) text += pieces[Math.floor(random() * pieces.length)];
      const chunkSize = 1 + Math.floor(random() * 9);
      const maxRecordChars = random() < 0.3 ? 60 : 1_000_000;
      const expected = readByCsvParse(text, maxRecordChars);
      const actual = read(text, chunkSize, maxRecordChars).catch((error: unknown) => error);
      if (expected instanceof Error) await expect(actual, JSON.stringify(text)).resolves.toBeInstanceOf(CsvFormatError);
      else await expect(actual, JSON.stringify(text)).resolves.toEqual(expected);
    }
  });
});

/** The records csv-parse reads from the whole text at once, numbered as the reader numbers them. */
function readByCsvParse(text: string, maxRecordChars: number) {
  let rows: string[][];
  try {
    rows = parseSync(text, { ...csvParseOptions(','), skip_empty_lines: false, max_record_size: maxRecordChars });
  } catch (error) {
    return error as Error;
  }
  let line = 1;
  const read: { fields: string[]; line: number }[] = [];
  for (const fields of rows) {
    const start = line;
    line += 1 + fields.reduce((breaks, field) => breaks + (field.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
    if (fields.length !== 1 || fields[0] !== '') read.push({ fields, line: start });
  }
  const [header, ...records] = read;
  return {
    header: checkHeader(header?.fields ?? []),
    records: records.map((record, index) => ({ ...record, record: index + 1 })),
  };
}

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
