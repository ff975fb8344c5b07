import { openCsv } from './csv-reader';
import { type CsvEncoding, detectEncoding } from './sniff';

/** How the import reads a file, decided from all of it rather than its first 64 KiB. */
export interface FileReading {
  encoding: CsvEncoding;
  /** Read bad bytes as U+FFFD, rejecting the records that hold them (`invalid_encoding`), rather than stop. */
  lenient: boolean;
}

/**
 * UTF-8 evidence, byte by byte across chunks: well-formed multi-byte sequences and bytes that cannot be
 * UTF-8. A Windows-1252 file's accented letters are lone high bytes (invalid); a UTF-8 file's are sequences.
 */
export class Utf8Evidence {
  valid = 0;
  invalid = 0;
  /** Continuation bytes still expected by the sequence under way (it may straddle two chunks). */
  private pending = 0;

  feed(bytes: Uint8Array): void {
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i] as number;
      if (this.pending > 0) {
        if ((byte & 0xc0) === 0x80) {
          if (--this.pending === 0) this.valid++;
          continue;
        }
        this.pending = 0;
        this.invalid++;
      }
      if (byte < 0x80) continue;
      if (byte >= 0xc2 && byte <= 0xdf) this.pending = 1;
      else if (byte >= 0xe0 && byte <= 0xef) this.pending = 2;
      else if (byte >= 0xf0 && byte <= 0xf4) this.pending = 3;
      else this.invalid++;
    }
  }

  finish(): void {
    if (this.pending > 0) this.invalid++;
    this.pending = 0;
  }

  /** UTF-8 when its sequences outnumber its bad bytes (mostly-UTF-8 text is UTF-8), else Windows-1252. */
  reading(): FileReading {
    if (this.invalid === 0) return { encoding: 'utf8', lenient: false };
    return this.valid >= this.invalid
      ? { encoding: 'utf8', lenient: true }
      : { encoding: 'windows-1252', lenient: false };
  }
}

/**
 * Reads the whole file once before the import writes anything, so that a file-level problem (a runaway
 * quote, a record of megabytes) fails the import with nothing written, and decides how to read it: the
 * encoding staff chose, else one with a byte order mark, else UTF-8 or Windows-1252 on the evidence of every
 * byte. Record boundaries are ASCII in both, so the records are checked in the same pass. Throws
 * CsvFormatError for a file that cannot be imported.
 */
export async function checkWholeFile(
  source: AsyncIterable<Uint8Array>,
  options: { analysed: CsvEncoding; chosen?: CsvEncoding | undefined; delimiter: string },
): Promise<FileReading & { records: number }> {
  const evidence = new Utf8Evidence();
  let first: Uint8Array | undefined;
  const observed = (async function* () {
    for await (const chunk of source) {
      first ??= chunk;
      evidence.feed(chunk);
      yield chunk;
    }
    evidence.finish();
  })();
  const marked = options.analysed === 'utf8-bom' || options.analysed === 'utf16le' || options.analysed === 'utf16be';
  const encoding = options.chosen ?? (marked ? options.analysed : 'utf8');
  const { records } = await openCsv(observed, { encoding, lenient: true, delimiter: options.delimiter });
  let count = 0;
  for await (const _record of records) count++;
  if (options.chosen) return { encoding: options.chosen, lenient: options.chosen !== 'windows-1252', records: count };
  if (marked) {
    const bom = first ? detectEncoding(first) : options.analysed;
    return { encoding: bom, lenient: bom === 'utf8-bom' && evidence.invalid > 0, records: count };
  }
  return { ...evidence.reading(), records: count };
}
