/** The encodings councils' exports come in, as the import's analysis names them. */
export const ENCODINGS = ['utf8', 'utf8-bom', 'windows-1252'] as const;
export type ContactFileEncoding = (typeof ENCODINGS)[number];

/**
 * Windows-1252 differs from Latin-1 only in 0x80–0x9F, where it puts typographic characters (’ “ ” € – …)
 * that real Windows exports are full of. Five bytes there are unassigned.
 */
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const WINDOWS_1252_UNASSIGNED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
const toWindows1252 = new Map<number, number>();
for (let byte = 0x80; byte <= 0x9f; byte++)
  if (!WINDOWS_1252_UNASSIGNED.has(byte)) toWindows1252.set(WINDOWS_1252_HIGH.charCodeAt(byte - 0x80), byte);

/** The byte a character takes in Windows-1252, or undefined when it has none. */
export function windows1252Byte(code: number): number | undefined {
  if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) return code;
  return toWindows1252.get(code);
}

export const fitsWindows1252 = (text: string) => {
  for (let i = 0; i < text.length; i++) if (windows1252Byte(text.charCodeAt(i)) === undefined) return false;
  return true;
};

/** Encodes text as the file's encoding (the UTF-8 byte order mark is written once, by the caller). */
export function encodeText(text: string, encoding: ContactFileEncoding): Buffer {
  if (encoding !== 'windows-1252') return Buffer.from(text, 'utf8');
  const bytes = Buffer.allocUnsafe(text.length);
  for (let i = 0; i < text.length; i++) {
    const byte = windows1252Byte(text.charCodeAt(i));
    if (byte === undefined) throw new Error(`${JSON.stringify(text[i])} cannot be written in Windows-1252`);
    bytes[i] = byte;
  }
  return bytes;
}

export const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
