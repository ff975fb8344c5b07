import { describe, expect, it, vi } from 'vitest';
import { ImportsService } from '../../../shared/imports/imports-service';
import { CsvFormatError, openCsv } from '../../../shared/imports/pipeline/csv-reader';

async function* chunks(...parts: (string | Uint8Array)[]) {
  for (const part of parts) yield typeof part === 'string' ? Buffer.from(part) : part;
}

async function readAll(source: AsyncIterable<Uint8Array>, encoding: 'utf8' | 'windows-1252' = 'utf8') {
  const { records } = await openCsv(source, { encoding, delimiter: ',', maxRecordChars: 1000 });
  const out = [];
  for await (const record of records) out.push(record);
  return out;
}

describe('CSV input that stops an import', () => {
  it('a quote never closed, past the longest record the reader takes', async () => {
    await expect(readAll(chunks('Email,Notes\na@b.org,"', 'x'.repeat(5000), '\n'))).rejects.toThrow(
      /Line 2: a record is longer than 1000 characters and its quotes never close/,
    );
  });

  it('bytes that are not UTF-8 in a file read as UTF-8, with where they are', async () => {
    await expect(readAll(chunks('Email\na@b.org\n', new Uint8Array([0xc3, 0x28]), '\n'))).rejects.toThrow(
      CsvFormatError,
    );
  });

  it('but not a Windows-1252 file, whose every byte is a character', async () => {
    const records = await readAll(
      chunks('Name\n', new Uint8Array([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72]), '\n'),
      'windows-1252',
    );
    expect(records[0]?.fields).toEqual(['Müller']);
  });

  it('keeps a quote inside an unquoted field as text', async () => {
    const records = await readAll(chunks('Email,Name\na@b.org,=HYPERLINK("x")\n'));
    expect(records[0]?.fields).toEqual(['a@b.org', '=HYPERLINK("x")']);
  });
});

describe('an upload over the size cap', () => {
  it('fails before any of it is read', async () => {
    const recordAnalysis = vi.fn().mockResolvedValue(true);
    const s3 = { send: vi.fn() };
    const service = new ImportsService(
      { recordAnalysis } as never,
      { list: vi.fn().mockResolvedValue([]) } as never,
      {} as never,
      { dispatch: vi.fn(), dispatchDryRun: vi.fn(), giveUp: vi.fn(), giveUpDryRun: vi.fn() },
      s3 as never,
      { bucket: 'b', defaultCountry: 'GB', maxBytes: 1000 },
    );
    const outcome = await service.analyseUpload('id', 'uploads/id.csv', 1001);
    expect(outcome).toEqual({ code: 'too_large', message: 'The file is 1001 bytes; imports take at most 1000.' });
    expect(s3.send).not.toHaveBeenCalled();
    expect(recordAnalysis).toHaveBeenCalledWith('id', { failure: outcome }, expect.any(String));
  });
});
