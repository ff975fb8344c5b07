// Over 300 lines, on purpose. One streaming parser: a fast path for strict RFC 4180 records and the full state machine it hands over to
// must agree byte for byte, so both stay in this file.

import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { cutCell } from '../../core/files/csv-writer';
import { unnamedColumn } from '../import-mapping';
import { skipLongRecord } from './long-record';
import { bomLength, type CsvEncoding, decoderLabel } from './sniff';

/** A CSV problem that stops the import, with where it is. */
export class CsvFormatError extends Error {}

export interface CsvRecord {
  fields: string[];
  /** 1-based count of non-blank records after the header. */
  record: number;
  /** Physical line (1-based, the header is line 1) where the record starts. */
  line: number;
  /**
   * The record's length in characters, when it is longer than the reader takes: `fields` then holds only its
   * first characters, and the import rejects it (`record_too_long`).
   */
  tooLong?: number;
}

export interface CsvReaderOptions {
  encoding: CsvEncoding;
  /** Bad bytes become U+FFFD rather than stopping the read (see decode). */
  lenient?: boolean;
  delimiter: string;
  /**
   * A record longer than this many characters is passed on as `tooLong` when it ends where a record can end
   * (a 10 MB field), and stops the import when its quotes never close (a runaway quote).
   */
  maxRecordChars?: number;
}

export const DEFAULT_MAX_RECORD_CHARS = 1_000_000;

/**
 * Decodes byte chunks as text. Strict UTF-8 stops with the byte offset at the first invalid byte; lenient
 * (what the import uses once checkWholeFile found the file mostly UTF-8) puts U+FFFD in its place, and the
 * record holding it is rejected as `invalid_encoding`.
 */
export async function* decode(
  source: AsyncIterable<Uint8Array>,
  encoding: CsvEncoding,
  options: { lenient?: boolean } = {},
): AsyncGenerator<string> {
  const decoder = new TextDecoder(decoderLabel(encoding), {
    fatal: encoding !== 'windows-1252' && !options.lenient,
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
 * Streams a CSV: the header, then every non-blank record with its record number and starting line, one at a
 * time (`records`) or in batches (`batches`, for readers that take many at once). Records whose field count
 * differs from the header's are passed on (the import rejects them with their line); a report's footer after
 * the data is not a record (isReportFooter).
 */
export async function openCsv(source: AsyncIterable<Uint8Array>, options: CsvReaderOptions) {
  const maxRecordChars = options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;
  // Lines are counted here rather than by csv-parse's `info` (which costs 40% of its time): a record spans
  // one line plus the line breaks inside its quoted fields. Blank lines come through as a lone empty field
  // so that they are counted too, and are skipped, as `skip_empty_lines` would.
  /** Where the next record starts. */
  let line = 1;
  let record = 0;
  let headerColumns = 0;
  // One-field lines after a blank line, held until it is clear whether they are records or a report's footer.
  let held: CsvRecord[] = [];
  let afterBlank = false;
  const read = readFieldBatches(decode(source, options.encoding, { lenient: options.lenient ?? false }), {
    delimiter: options.delimiter,
    maxRecordChars,
    nextLine: () => line,
  })[Symbol.asyncIterator]();
  const nextBatch = async (): Promise<CsvRecord[] | undefined> => {
    for (;;) {
      const next = await read.next();
      if (next.done) {
        const rest = isReportFooter(held) ? [] : held;
        held = [];
        return rest.length > 0 ? rest : undefined;
      }
      const { fields, breaks, tooLong } = next.value;
      const batch: CsvRecord[] = [];
      for (let index = 0; index < fields.length; index++) {
        const values = fields[index] as string[];
        const start = line;
        line += 1 + (breaks[index] ?? lineBreaksWithin(values));
        if (values.length === 1 && values[0] === '') {
          afterBlank = record > 1;
          continue;
        }
        // The header is record 0.
        const current: CsvRecord = { fields: values, record: record++, line: start, ...(tooLong && { tooLong }) };
        if (current.record === 0) {
          if (tooLong) throw new CsvFormatError(`The header row is longer than ${maxRecordChars} characters.`);
          headerColumns = values.length;
        }
        if (values.length === 1 && !tooLong && headerColumns > 1 && (afterBlank || held.length > 0)) {
          held.push(current);
          continue;
        }
        if (held.length > 0) batch.push(...held.splice(0));
        afterBlank = false;
        batch.push(current);
      }
      if (batch.length > 0) return batch;
    }
  };

  let first = await nextBatch();
  const headerRecord = first?.shift();
  if (!headerRecord) throw new CsvFormatError('The file has no header row.');
  const header = checkHeader(headerRecord.fields);

  async function* batches(): AsyncGenerator<CsvRecord[]> {
    if (first && first.length > 0) yield first;
    first = undefined;
    for (let batch = await nextBatch(); batch; batch = await nextBatch()) yield batch;
  }
  async function* records(): AsyncGenerator<CsvRecord> {
    for await (const batch of batches()) yield* batch;
  }
  return { header, records: records(), batches: batches() };
}

/**
 * The lines a report tool writes after its data, following a blank line, one field each: a title, "Generated
 * By", a copyright or confidentiality note (Salesforce reports). Lines like that which say none of this are
 * records after all, and go on to be rejected with their line as any short record is.
 */
const FOOTER_WORDS = /generated by|copyright|confidential|all rights reserved|©/i;
const isReportFooter = (lines: readonly CsvRecord[]) =>
  lines.length > 0 && lines.some((footer) => FOOTER_WORDS.test(footer.fields[0] ?? ''));

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
/** `readStrictRecord` needs more text to finish the record. */
const NEED_MORE = -1;
/** The record is outside the strict subset: csv-parse reads it, and the rest of the file. */
const OUTSIDE = -2;
/** The record is longer than the reader takes: skipLongRecord reads past it. */
const TOO_LONG = -3;

/**
 * Every record's fields, a batch at a time. csv-parse is the reader of record; it reads about 150,000 rows/s,
 * half the import pipeline's time. Most exports are plain RFC 4180 (quotes only around whole fields, doubled
 * inside them, one kind of line break), on which any reader agrees: `readStrictRecord` reads that subset ten
 * times as fast, and from the first record outside it (a quote after a closing quote, a stray CR or LF, Mac
 * line breaks), csv-parse reads the rest, told the line break found so far. Unit tests compare the two on
 * random text. A record longer than `maxRecordChars` is read past, not held (skipLongRecord), and passed on
 * as one field of its first characters with its length.
 */
async function* readFieldBatches(
  texts: AsyncIterable<string>,
  options: { delimiter: string; maxRecordChars: number; nextLine: () => number },
): AsyncGenerator<FieldBatch> {
  const chunks = texts[Symbol.asyncIterator]();
  const strict: StrictReading = {
    delimiter: options.delimiter,
    maxChars: options.maxRecordChars,
    breaks: 0,
  };
  let text = '';
  let eof = false;
  let at = 0;
  for (;;) {
    let end = 0;
    while (end >= 0) {
      // Small batches: records that die young are cheap to collect.
      const batch: FieldBatch = { fields: [], breaks: [] };
      while (batch.fields.length < FIELD_BATCH && !(eof && at === text.length)) {
        const fields: string[] = [];
        strict.breaks = 0;
        end = readStrictRecord(text, at, eof, strict, fields);
        if (end < 0) break;
        batch.fields.push(fields);
        batch.breaks.push(strict.breaks);
        at = end;
      }
      if (batch.fields.length > 0) yield batch;
      if (eof && at === text.length) return;
    }
    if (end === OUTSIDE) {
      yield* readRestWithCsvParse(text.slice(at), chunks, strict.recordDelimiter, options);
      return;
    }
    if (end === TOO_LONG) {
      const skipped = await skipLongRecord(text, at, eof, chunks, options.delimiter, strict.recordDelimiter);
      if (!skipped)
        throw new CsvFormatError(
          `Line ${options.nextLine()}: a record is longer than ${options.maxRecordChars} characters and its quotes never close where a field could end (a quote opened and never closed).`,
        );
      const cut = skipped.chars > skipped.prefix.length ? cutCell(skipped.prefix, skipped.chars) : skipped.prefix;
      yield { fields: [[cut]], breaks: [skipped.breaks], tooLong: skipped.chars };
      text = skipped.rest;
      eof = skipped.eof;
      at = 0;
      continue;
    }
    const next = await chunks.next();
    eof = next.done === true;
    text = eof ? text.slice(at) : text.slice(at) + next.value;
    at = 0;
  }
}

/** Records' fields, and the line breaks within each record where known (csv-parse's are counted after). */
interface FieldBatch {
  fields: string[][];
  breaks: (number | undefined)[];
  /** The batch is one record longer than the reader takes, of this many characters. */
  tooLong?: number;
}

const FIELD_BATCH = 256;

interface StrictReading {
  delimiter: string;
  maxChars: number;
  /** Line breaks within the quoted fields of the record being read. */
  breaks: number;
  /** The file's line break, found at the end of its first line as csv-parse finds it. */
  recordDelimiter?: '\n' | '\r\n';
}

/**
 * Reads the record at `start` into `fields` if it is in the strict subset; returns where the next record starts,
 * NEED_MORE, or OUTSIDE.
 */
function readStrictRecord(text: string, start: number, eof: boolean, reading: StrictReading, fields: string[]): number {
  const delimiter = reading.delimiter.charCodeAt(0);
  if (reading.delimiter.length !== 1) return OUTSIDE;
  const length = text.length;
  let at = start;
  for (;;) {
    if (at - start > reading.maxChars) return TOO_LONG;
    if (text.charCodeAt(at) === QUOTE) {
      let value = '';
      let from = at + 1;
      for (;;) {
        const quote = text.indexOf('"', from);
        // An unclosed quote must not make the reader hold the rest of the file: past the limit, skipLongRecord
        // reads on without holding it.
        if (quote === -1) return length - start > reading.maxChars ? TOO_LONG : eof ? OUTSIDE : NEED_MORE;
        if (quote - start > reading.maxChars) return TOO_LONG;
        if (quote + 1 === length && !eof) return NEED_MORE;
        if (text.charCodeAt(quote + 1) === QUOTE) {
          value += text.slice(from, quote + 1);
          from = quote + 2;
          continue;
        }
        const field = value + text.slice(from, quote);
        fields.push(field);
        if (field.indexOf('\n') !== -1 || field.indexOf('\r') !== -1) reading.breaks += lineBreaksWithin([field]);
        at = quote + 1;
        break;
      }
      if (at === length) return length;
      const after = text.charCodeAt(at);
      if (after === delimiter) {
        at++;
        continue;
      }
      return after === LF || after === CR ? recordEnd(text, at, eof, reading) : OUTSIDE;
    }
    let end = at;
    for (;;) {
      if (end === length) {
        if (end - start > reading.maxChars) return TOO_LONG;
        if (!eof) return NEED_MORE;
        fields.push(text.slice(at, end));
        return end;
      }
      const char = text.charCodeAt(end);
      if (char === delimiter) break;
      if (char === LF || char === CR) {
        fields.push(text.slice(at, end));
        return end - start > reading.maxChars ? TOO_LONG : recordEnd(text, end, eof, reading);
      }
      end++;
    }
    fields.push(text.slice(at, end));
    at = end + 1;
  }
}

/** The line break at `at` ends the record if it is the file's (the first one found decides, as in csv-parse). */
function recordEnd(text: string, at: number, eof: boolean, reading: StrictReading): number {
  if (text.charCodeAt(at) === LF) {
    reading.recordDelimiter ??= '\n';
    return reading.recordDelimiter === '\n' ? at + 1 : OUTSIDE;
  }
  if (at + 1 === text.length) return eof ? OUTSIDE : NEED_MORE;
  if (text.charCodeAt(at + 1) !== LF) return OUTSIDE;
  reading.recordDelimiter ??= '\r\n';
  return reading.recordDelimiter === '\r\n' ? at + 2 : OUTSIDE;
}

/** csv-parse reads from the first record outside the strict subset to the end. */
async function* readRestWithCsvParse(
  rest: string,
  chunks: AsyncIterator<string>,
  recordDelimiter: string | undefined,
  options: { delimiter: string; maxRecordChars: number; nextLine: () => number },
): AsyncGenerator<FieldBatch> {
  // Where the record csv-parse is reading starts, counted as it parses: a parse error discards the records it had
  // parsed but not yet passed on, and its own line count counts a CRLF inside quotes twice.
  let startOfUnread = options.nextLine();
  const parser = parse({
    ...csvParseOptions(options.delimiter),
    skip_empty_lines: false,
    max_record_size: options.maxRecordChars,
    ...(recordDelimiter && { record_delimiter: recordDelimiter }),
    on_record: (fields: string[]) => {
      startOfUnread += 1 + lineBreaksWithin(fields);
      return fields;
    },
  });
  const text = Readable.from(
    (async function* () {
      if (rest) yield rest;
      for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
    })(),
  );
  // pipe() does not pass errors on: a decoding error must reach the reader, not crash the process.
  text.on('error', (error) => parser.destroy(error));
  text.pipe(parser);
  try {
    for await (const fields of parser as AsyncIterable<string[]>) yield { fields: [fields], breaks: [undefined] };
  } catch (error) {
    if (error instanceof CsvFormatError) throw error;
    const { code, message } = error as { code?: string; message: string };
    const line = startOfUnread;
    if (code === 'CSV_MAX_RECORD_SIZE')
      throw new CsvFormatError(
        `Line ${line}: a record is longer than ${options.maxRecordChars} characters (an unclosed quote, or a huge field).`,
      );
    if (code === 'CSV_QUOTE_NOT_CLOSED') throw new CsvFormatError(`Line ${line}: a quote is opened and never closed.`);
    throw new CsvFormatError(`Line ${line}: ${message}`);
  }
}

/**
 * The header's names, trimmed. A column with no name is called `(column N)` (unnamedColumn) and is not mapped
 * unless staff map it; a repeated name stops the import, since columns are mapped by name.
 */
export function checkHeader(names: readonly string[]): string[] {
  const header = names.map((name, index) => name.trim() || unnamedColumn(index));
  const seen = new Map<string, number>();
  header.forEach((name, index) => {
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
