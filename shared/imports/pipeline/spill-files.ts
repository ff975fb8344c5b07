import { closeSync, openSync, readSync, writeSync } from 'node:fs';

/**
 * Line files for work that does not fit in memory. A line ends with `lineEnd` (a line feed unless told another
 * byte, for lines whose text may hold line breaks; it must be an ASCII character the lines never hold).
 * Writes are buffered and synchronous: a spill file is written from a loop that must not hold more than its
 * buffer, and waiting for a stream to drain would need the loop to await on every line. Lines are copied into the buffer as bytes: keeping the strings would keep alive the
 * larger strings they may be slices of (a whole chunk read from a file).
 */
export class SpillWriter {
  private readonly fd: number;
  private readonly buffer: Buffer;
  private used = 0;

  constructor(
    readonly path: string,
    bufferBytes = 64 * 1024,
    private readonly lineEnd = 0x0a,
  ) {
    this.fd = openSync(path, 'w');
    this.buffer = Buffer.allocUnsafe(bufferBytes);
  }

  write(line: string): void {
    // A UTF-16 unit is at most 3 bytes in UTF-8; flush first unless the line surely fits.
    if (this.used + line.length * 3 + 1 > this.buffer.length) {
      this.flush();
      if (line.length * 3 + 1 > this.buffer.length) {
        writeSync(this.fd, `${line}${String.fromCharCode(this.lineEnd)}`);
        return;
      }
    }
    this.used += this.buffer.write(line, this.used, 'utf8');
    this.buffer[this.used++] = this.lineEnd;
  }

  flush(): void {
    if (this.used === 0) return;
    writeSync(this.fd, this.buffer, 0, this.used);
    this.used = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/** The lines of a spill file (ended by `lineEnd`, as written), read a megabyte at a time. */
export function* readLines(path: string, lineEnd = 0x0a, chunkBytes = 1 << 20): Generator<string> {
  const end = String.fromCharCode(lineEnd);
  const fd = openSync(path, 'r');
  // TextDecoder decodes UTF-8 about twice as fast as StringDecoder; ignoreBOM keeps a leading U+FEFF, which is
  // a value's first character here, not a byte order mark.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const buffer = Buffer.allocUnsafe(chunkBytes);
  let rest = '';
  try {
    for (;;) {
      const read = readSync(fd, buffer, 0, chunkBytes, null);
      if (read === 0) break;
      const text = rest + decoder.decode(buffer.subarray(0, read), { stream: true });
      let start = 0;
      for (let at = text.indexOf(end); at !== -1; at = text.indexOf(end, start)) {
        yield text.slice(start, at);
        start = at + 1;
      }
      rest = text.slice(start);
    }
    rest += decoder.decode();
    if (rest !== '') yield rest;
  } finally {
    closeSync(fd);
  }
}

/** A small, well-spread hash of a string (FNV-1a), to share keys out among spill files. */
export function bucketOf(text: string, buckets: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % buckets;
}
