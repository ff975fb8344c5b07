import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { bomLength, type CsvEncoding } from './sniff';

/** A CSV problem that stops the import, with where it is. */
export class CsvFormatError extends Error {}

export interface CsvRecord {
  fields: string[];
  /** 1-based count of non-blank records after the header. */
  record: number;
  /** Physical line (1-based, the header is line 1) where the record starts. */
  line: number;
}

export interface CsvReaderOptions {
  encoding: CsvEncoding;
  delimiter: string;
  /** A record longer than this many characters stops the import (a runaway quote, or a 10 MB field). */
  maxRecordChars?: number;
}

export const DEFAULT_MAX_RECORD_CHARS = 1_000_000;

/** Decodes byte chunks as text, stopping with the byte offset at the first byte invalid for the encoding. */
export async function* decode(source: AsyncIterable<Uint8Array>, encoding: CsvEncoding): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding === 'windows-1252' ? 'windows-1252' : 'utf-8', {
    fatal: encoding !== 'windows-1252',
    ignoreBOM: false,
  });
  let offset = 0;
  let skip = bomLength(encoding);
  for await (const chunk of source) {
    let bytes = chunk;
    if (skip > 0) {
      const dropped = Math.min(skip, bytes.length);
      bytes = bytes.subarray(dropped);
      skip -= dropped;
      offset += dropped;
    }
    try {
      const text = decoder.decode(bytes, { stream: true });
      if (text) yield text;
    } catch {
      throw new CsvFormatError(
        `The file is not valid ${encoding === 'utf8' ? 'UTF-8' : 'UTF-8 (with BOM)'}: bad bytes within ${bytes.length} bytes after byte ${offset}. Save it as UTF-8, or as Windows-1252 throughout.`,
      );
    }
    offset += bytes.length;
  }
  try {
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch {
    throw new CsvFormatError(`The file is not valid UTF-8: it ends inside a character (byte ${offset}).`);
  }
}

/**
 * How every CSV is read, by the analysis of its start and by the import alike, so a preview shows what the
 * import will read: records of any length are passed on (the import rejects them with their line), blank
 * lines are skipped, and a quote inside an unquoted field (=HYPERLINK("…"), 5" display) is kept as text,
 * as spreadsheets do.
 */
export const csvParseOptions = (delimiter: string) =>
  ({ delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true }) as const;

/**
 * Streams a CSV: the header, then every non-blank record with its record number and starting line. Records
 * whose field count differs from the header's are passed on (the import rejects them with their line).
 */
export async function openCsv(source: AsyncIterable<Uint8Array>, options: CsvReaderOptions) {
  const maxRecordChars = options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;
  const text = Readable.from(decode(source, options.encoding));
  // Lines are counted here rather than by csv-parse's `info` (which costs 40% of its time): a record spans
  // one line plus the line breaks inside its quoted fields. Blank lines come through as a lone empty field
  // so that they are counted too, and are skipped below, as `skip_empty_lines` would.
  const parser = parse({
    ...csvParseOptions(options.delimiter),
    skip_empty_lines: false,
    max_record_size: maxRecordChars,
  });
  // pipe() does not pass errors on: a decoding error must reach the reader, not crash the process.
  text.on('error', (error) => parser.destroy(error));
  text.pipe(parser);
  const iterator = (parser as AsyncIterable<string[]>)[Symbol.asyncIterator]();
  const wrap = (error: unknown): never => {
    if (error instanceof CsvFormatError) throw error;
    const { code, lines, message } = error as { code?: string; lines?: number; message: string };
    if (code === 'CSV_MAX_RECORD_SIZE')
      throw new CsvFormatError(
        `Line ${lines}: a record is longer than ${maxRecordChars} characters (an unclosed quote, or a huge field).`,
      );
    throw new CsvFormatError(`Line ${lines ?? '?'}: ${message}`);
  };

  /** Where the next record starts. */
  let line = 1;
  const nextNonBlank = async (): Promise<{ fields: string[]; line: number } | undefined> => {
    for (;;) {
      const next = await iterator.next().catch(wrap);
      if (next.done) return undefined;
      const fields = next.value;
      const start = line;
      line += 1 + lineBreaksWithin(fields);
      if (fields.length === 1 && fields[0] === '') continue;
      return { fields, line: start };
    }
  };

  const first = await nextNonBlank();
  if (!first) throw new CsvFormatError('The file has no header row.');
  const header = checkHeader(first.fields);

  async function* records(): AsyncGenerator<CsvRecord> {
    let record = 0;
    for (;;) {
      const next = await nextNonBlank();
      if (!next) return;
      yield { fields: next.fields, record: ++record, line: next.line };
    }
  }
  return { header, records: records() };
}

/** The header's names, trimmed; a blank or repeated name stops the import, since columns are mapped by name. */
export function checkHeader(names: readonly string[]): string[] {
  const header = names.map((name) => name.trim());
  const seen = new Map<string, number>();
  header.forEach((name, index) => {
    if (name === '') throw new CsvFormatError(`Column ${index + 1} of the header has no name.`);
    const earlier = seen.get(name.toLowerCase());
    if (earlier !== undefined)
      throw new CsvFormatError(`The header names "${name}" twice (columns ${earlier + 1} and ${index + 1}).`);
    seen.set(name.toLowerCase(), index);
  });
  return header;
}

function lineBreaksWithin(fields: readonly string[]): number {
  let count = 0;
  for (const field of fields) {
    if (field.indexOf('\n') === -1 && field.indexOf('\r') === -1) continue;
    count += field.match(/\r\n|\r|\n/g)?.length ?? 0;
  }
  return count;
}
