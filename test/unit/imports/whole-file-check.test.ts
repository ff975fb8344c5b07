import { describe, expect, it } from 'vitest';
import { CsvFormatError } from '../../../shared/imports/pipeline/csv-reader';
import { analyseCsvSample } from '../../../shared/imports/pipeline/import-pipeline';
import { detectEncoding } from '../../../shared/imports/pipeline/sniff';
import { checkWholeFile, Utf8Evidence } from '../../../shared/imports/pipeline/whole-file-check';

async function* chunksOf(bytes: Uint8Array, size: number) {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}
// Small chunks, so that sequences and records straddle them; large ones for large files.
const check = (bytes: Uint8Array, options: Partial<Parameters<typeof checkWholeFile>[1]> = {}) =>
  checkWholeFile(chunksOf(bytes, bytes.length > 100_000 ? 65_536 : 7), {
    analysed: 'utf8',
    delimiter: ',',
    ...options,
  });

describe('UTF-8 evidence over the whole file', () => {
  it('counts well-formed sequences and bad bytes, across chunk boundaries', () => {
    const evidence = new Utf8Evidence();
    const bytes = Buffer.from('Zoë Müller, Siân, 😀');
    for (let at = 0; at < bytes.length; at++) evidence.feed(bytes.subarray(at, at + 1));
    evidence.finish();
    expect(evidence).toMatchObject({ valid: 4, invalid: 0 });
    expect(evidence.reading()).toEqual({ encoding: 'utf8', lenient: false });
  });

  it('calls lone high bytes Windows-1252, and mostly-UTF-8 text with a few bad bytes UTF-8', () => {
    const latin = new Utf8Evidence();
    latin.feed(Buffer.from('Zo\xeb M\xfcller, Ren\xe9', 'latin1'));
    latin.finish();
    expect(latin.reading()).toEqual({ encoding: 'windows-1252', lenient: false });
    const mostly = new Utf8Evidence();
    mostly.feed(Buffer.concat([Buffer.from('Zoë Müller, Siân, '), Buffer.from([0xeb, 0x20])]));
    mostly.finish();
    expect(mostly.reading()).toEqual({ encoding: 'utf8', lenient: true });
  });
});

describe('the whole-file check before an import writes', () => {
  it('decides the encoding from every byte', async () => {
    const late = Buffer.concat([
      Buffer.from(`Email,Name\n${'a@example.org,Ann\n'.repeat(5000)}`),
      Buffer.from('b@example.org,Zo\xeb\n', 'latin1'),
    ]);
    expect(await check(late)).toMatchObject({ encoding: 'windows-1252', lenient: false });
    expect(await check(Buffer.from('Email,Name\na@example.org,Zoë\n'))).toMatchObject({
      encoding: 'utf8',
      lenient: false,
    });
  });

  it('keeps what a byte order mark says, and what staff chose', async () => {
    const le = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('Email\tName\r\na@example.org\tSiân\r\n', 'utf16le'),
    ]);
    expect(await check(le, { analysed: 'utf16le', delimiter: '\t' })).toMatchObject({
      encoding: 'utf16le',
      lenient: false,
    });
    expect(await check(Buffer.from('Email\na@example.org\n'), { chosen: 'windows-1252' })).toMatchObject({
      encoding: 'windows-1252',
    });
  });

  it('refuses a file with a runaway quote before anything is written, and passes a record of megabytes to be rejected', async () => {
    await expect(check(Buffer.from(`Email,Name\na@example.org,"${'x'.repeat(1_100_000)}\n`))).rejects.toBeInstanceOf(
      CsvFormatError,
    );
    const huge = Buffer.from(`Email,Name\na@example.org,"${'x'.repeat(1_100_000)}"\nb@example.org,Bea\n`);
    expect(await check(huge)).toMatchObject({ encoding: 'utf8', records: 2 });
  });
});

describe('Excel’s "Unicode Text"', () => {
  it('is UTF-16 with a byte order mark: analysed as text, tab-separated', () => {
    const le = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('Email\tName\r\na@example.org\tSiân\r\n', 'utf16le'),
    ]);
    expect(detectEncoding(le)).toBe('utf16le');
    const analysis = analyseCsvSample(le, { defaultCountry: 'GB', wholeFile: true });
    expect(analysis).toMatchObject({
      encoding: 'utf16le',
      delimiter: '\t',
      header: ['Email', 'Name'],
      preview: [['a@example.org', 'Siân']],
    });
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('Email\n', 'utf16le').swap16()]);
    expect(detectEncoding(be)).toBe('utf16be');
  });
});
