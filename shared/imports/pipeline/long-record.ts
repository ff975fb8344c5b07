/** What is kept of a record too long to import, for its row in the error report: its line leads to the rest. */
export const LONG_RECORD_PREFIX_CHARS = 1000;

export interface SkippedRecord {
  /** The record's first characters, as one cell for the error report. */
  prefix: string;
  /** Its length in characters, without the line break that ends it. */
  chars: number;
  /** Line breaks inside its quoted fields. */
  breaks: number;
  /** The text after the record's line break, and whether the file ends there. */
  rest: string;
  eof: boolean;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

type State = 'fieldStart' | 'unquoted' | 'quoted' | 'quoteInQuoted' | 'afterCR' | 'afterQuotedCR';

/**
 * Reads past a record longer than the import takes, without holding it: its quotes are followed (RFC 4180:
 * a field opened by a quote ends at a quote followed by the delimiter or a line break, a doubled quote is
 * text) to the line break that ends it. A well-formed record of megabytes is then one rejected row, and the
 * file goes on. A record whose quotes never close, or close where no field could end, is a runaway quote:
 * where it ends cannot be told, so the file cannot be imported: undefined (the reader throws, and the
 * whole-file check finds it before anything is written).
 */
export async function skipLongRecord(
  text: string,
  start: number,
  eof: boolean,
  chunks: AsyncIterator<string>,
  delimiter: string,
  /** The file's line break, as the reader found it at the end of the header; either until then. */
  recordDelimiter: '\n' | '\r\n' | undefined,
): Promise<SkippedRecord | undefined> {
  const lfEnds = recordDelimiter !== '\r\n';
  const crlfEnds = recordDelimiter !== '\n';
  const delimiterCode = delimiter.charCodeAt(0);
  let prefix = text.slice(start, start + LONG_RECORD_PREFIX_CHARS);
  let state: State = 'fieldStart';
  let chars = 0;
  let breaks = 0;
  let at = start;
  for (;;) {
    for (; at < text.length; at++) {
      const char = text.charCodeAt(at);
      switch (state) {
        case 'fieldStart':
        case 'unquoted':
          if (char === delimiterCode) state = 'fieldStart';
          else if (char === LF && lfEnds) return ended(at + 1);
          else if (char === CR && crlfEnds) state = 'afterCR';
          else {
            // A line break that does not end the record is text, and a line all the same.
            if (char === LF || char === CR) breaks++;
            state = state === 'fieldStart' && char === QUOTE ? 'quoted' : 'unquoted';
          }
          break;
        case 'quoted':
          if (char === QUOTE) state = 'quoteInQuoted';
          else if (char === LF) breaks++;
          else if (char === CR) state = 'afterQuotedCR';
          break;
        case 'afterQuotedCR':
          // CRLF is one line break, a lone CR another: then this character is read again, as quoted text.
          breaks++;
          state = 'quoted';
          if (char !== LF) {
            at--;
            chars--;
          }
          break;
        case 'quoteInQuoted':
          if (char === QUOTE) state = 'quoted';
          else if (char === delimiterCode) state = 'fieldStart';
          else if (char === LF && lfEnds) return ended(at + 1);
          else if (char === CR && crlfEnds) state = 'afterCR';
          else return undefined;
          break;
        case 'afterCR':
          if (char === LF) return ended(at + 1, 1);
          // A lone CR in a CRLF file is text (as csv-parse, told the line break, reads it): then this
          // character is read again.
          breaks++;
          at--;
          chars--;
          state = 'unquoted';
          break;
      }
      chars++;
    }
    if (eof) {
      if (state === 'quoted' || state === 'afterQuotedCR') return undefined;
      return { prefix: prefix.slice(0, chars), chars, breaks, rest: '', eof: true };
    }
    const next = await chunks.next();
    eof = next.done === true;
    text = eof ? '' : next.value;
    at = 0;
    if (prefix.length < LONG_RECORD_PREFIX_CHARS) prefix += text.slice(0, LONG_RECORD_PREFIX_CHARS - prefix.length);
  }

  /** The record ends before `next` (its line break included); `pendingCR` when the CR counted before is part of it. */
  function ended(next: number, pendingCR = 0): SkippedRecord {
    const length = chars - pendingCR;
    return { prefix: prefix.slice(0, length), chars: length, breaks, rest: text.slice(next), eof };
  }
}
