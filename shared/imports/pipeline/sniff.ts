/**
 * What an uploaded file is, read from its first bytes: the encoding, the delimiter, and whether it is a
 * CSV at all. Also the yes/no words of consent columns and the tags separator, read from column values.
 */
export const CSV_ENCODINGS = ['utf8', 'utf8-bom', 'windows-1252', 'utf16le', 'utf16be'] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];

/** The name TextDecoder knows an encoding by. */
export const decoderLabel = (encoding: CsvEncoding) =>
  encoding === 'windows-1252'
    ? 'windows-1252'
    : encoding === 'utf16le'
      ? 'utf-16le'
      : encoding === 'utf16be'
        ? 'utf-16be'
        : 'utf-8';
export const DELIMITERS = [',', ';', '\t', '|'] as const;

const UTF8_BOM = [0xef, 0xbb, 0xbf];
// Excel's "Unicode Text" is UTF-16 LE with this mark, tab-separated.
const UTF16LE_BOM = [0xff, 0xfe];
const UTF16BE_BOM = [0xfe, 0xff];
const startsWith = (sample: Uint8Array, mark: readonly number[]) => mark.every((byte, i) => sample[i] === byte);

export class NotACsvError extends Error {}

const SIGNATURES: [string, number[]][] = [
  ['a ZIP archive (or an Excel .xlsx file)', [0x50, 0x4b, 0x03, 0x04]],
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['a JPEG image', [0xff, 0xd8, 0xff]],
  ['a PDF document', [0x25, 0x50, 0x44, 0x46]],
  ['a GZIP archive', [0x1f, 0x8b]],
  ['an old Excel .xls file', [0xd0, 0xcf, 0x11, 0xe0]],
];

/** Refuses what is plainly not text: known binary signatures, NUL bytes, or an empty file. */
export function assertLooksLikeText(sample: Uint8Array): void {
  if (sample.length === 0) throw new NotACsvError('The file is empty.');
  // UTF-16 text is half NUL bytes: its byte order mark says it is text.
  if (startsWith(sample, UTF16LE_BOM) || startsWith(sample, UTF16BE_BOM)) return;
  for (const [what, signature] of SIGNATURES)
    if (signature.every((byte, i) => sample[i] === byte)) throw new NotACsvError(`This is ${what}, not a CSV file.`);
  if (sample.includes(0)) throw new NotACsvError('The file holds binary data (NUL bytes), not CSV text.');
}

/**
 * By the byte order mark (UTF-8, UTF-16 LE or BE), else UTF-8 when the sample decodes strictly as UTF-8,
 * else Windows-1252. The import checks the whole file before it writes (checkWholeFile).
 */
export function detectEncoding(sample: Uint8Array): CsvEncoding {
  if (startsWith(sample, UTF8_BOM)) return 'utf8-bom';
  if (startsWith(sample, UTF16LE_BOM)) return 'utf16le';
  if (startsWith(sample, UTF16BE_BOM)) return 'utf16be';
  // A sample may end inside a multi-byte character; decode in streaming mode so that tail is not an error.
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return 'utf8';
  } catch {
    return 'windows-1252';
  }
}

export function bomLength(encoding: CsvEncoding): number {
  if (encoding === 'utf8-bom') return UTF8_BOM.length;
  return encoding === 'utf16le' || encoding === 'utf16be' ? 2 : 0;
}

/**
 * The delimiter that splits the first lines into the most fields, consistently. Quoted fields are skipped
 * over, so a comma inside "parks, transport" does not count.
 */
export function detectDelimiter(text: string): (typeof DELIMITERS)[number] {
  const lines = logicalLines(text).slice(0, 50);
  let best: (typeof DELIMITERS)[number] = ',';
  let bestScore = -1;
  for (const delimiter of DELIMITERS) {
    const counts = lines.map((line) => countOutsideQuotes(line, delimiter));
    const header = counts[0] ?? 0;
    if (header === 0) continue;
    const consistent = counts.filter((count) => count === header).length / counts.length;
    const score = header * consistent;
    if (score > bestScore) [best, bestScore] = [delimiter, score];
  }
  return best;
}

/** Lines of the sample, with line breaks inside quoted fields kept inside their line. */
function logicalLines(text: string): string[] {
  const lines: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    if ((char === '\n' || char === '\r') && !quoted) {
      if (current.trim() !== '') lines.push(current);
      current = '';
    } else current += char;
  }
  return lines; // the last line may be cut off by the sample's end, so it is left out
}

/** The text up to and including the last line break outside quotes: whole records only. */
export function wholeRecordsPrefix(text: string): string {
  let quoted = false;
  let end = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') quoted = !quoted;
    else if (char === '\n' && !quoted) end = i + 1;
  }
  return text.slice(0, end);
}

function countOutsideQuotes(line: string, delimiter: string): number {
  let count = 0;
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (char === delimiter && !quoted) count++;
  }
  return count;
}

/** Words read as consent given or refused, compared trimmed and case-insensitively. An empty cell is a no. */
export const KNOWN_YES = ['yes', 'y', 'true', '1', 'ja', 'j', 'x', 'oui', 'si', 'sí', 'opt-in', 'opted in', 'granted'];
export const KNOWN_NO = ['no', 'n', 'false', '0', 'nee', 'non', 'nein', 'opt-out', 'opted out', 'refused', ''];

/** The yes and no words a consent column actually uses, so a reviewer sees what will count as consent. */
export function consentWordsSeen(values: readonly string[]): { yes: string[]; no: string[]; unknown: string[] } {
  const yes = new Set<string>();
  const no = new Set<string>();
  const unknown = new Set<string>();
  for (const raw of values) {
    const value = raw.trim().toLowerCase();
    if (KNOWN_YES.includes(value)) yes.add(value);
    else if (KNOWN_NO.includes(value)) no.add(value);
    else unknown.add(raw.trim());
  }
  return { yes: [...yes], no: [...no], unknown: [...unknown] };
}

// Google Contacts joins labels with " ::: ".
const TAG_SEPARATORS = [':::', '; ', '|', ', ', ';', ','];

/**
 * The separator that splits the most tag cells into several tags (the first listed wins a tie); when none
 * splits any, the semicolon (a comma in a semicolon-separated file), as most exports write several tags.
 */
export function detectTagSeparator(values: readonly string[], delimiter: string): string {
  let best = delimiter === ';' ? ',' : ';';
  let bestCount = 0;
  for (const separator of TAG_SEPARATORS) {
    const count = values.filter((value) => value.includes(separator)).length;
    if (count > bestCount) [best, bestCount] = [separator, count];
  }
  return best;
}
