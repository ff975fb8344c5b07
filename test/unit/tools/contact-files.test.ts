import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeText } from '../../../tools/contact-files/encodings.ts';
import { type ContactFileOptions, writeContactFile } from '../../../tools/contact-files/generate.ts';

const GEN_CONTACTS = join(import.meta.dirname, '..', '..', '..', 'tools', 'contact-files', 'gen-contacts.ts');
const dir = mkdtempSync(join(tmpdir(), 'voxcitio-gen-contacts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function generate(options: ContactFileOptions) {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const truth = await writeContactFile(options, out);
  return { bytes: Buffer.concat(chunks), truth };
}

describe('the contact file generator', () => {
  it('makes the same bytes and truth for the same options, and another file for another seed', async () => {
    const options = { rows: 2000, seed: 3, layout: 'crm', encoding: 'utf8' } as const;
    const [a, b, other] = await Promise.all([generate(options), generate(options), generate({ ...options, seed: 4 })]);
    expect(a.bytes.equals(b.bytes)).toBe(true);
    expect(a.truth).toEqual(b.truth);
    expect(a.bytes.equals(other.bytes)).toBe(false);
  });

  it('keeps its counts consistent: every record is imported or rejected, every import new or a repeat', async () => {
    const { truth } = await generate({ rows: 5000, seed: 9, layout: 'legacy', encoding: 'utf8' });
    expect(truth.imported_records + truth.rejected_records).toBe(truth.records);
    expect(truth.unique_contacts + truth.duplicate_records).toBe(truth.imported_records);
    expect(Object.values(truth.rejected).reduce((sum, n) => sum + n, 0)).toBe(truth.rejected_records);
    expect(Object.keys(truth.rejected).sort()).toEqual(['column_count', 'no_valid_channel']);
    expect(Object.keys(truth.warnings).sort()).toEqual(['invalid_email', 'invalid_phone']);
    expect(truth.duplicate_records).toBeGreaterThan(0);
  });

  it('writes Windows-1252 as Windows-1252 (’ is 0x92), a BOM only for utf8-bom, and refuses what does not fit', async () => {
    const windows = await generate({ rows: 3000, seed: 5, layout: 'crm', encoding: 'windows-1252' });
    expect(windows.bytes.includes(0x92)).toBe(true);
    expect(new TextDecoder('windows-1252').decode(windows.bytes)).toContain('Queen’s Walk');
    const bom = await generate({ rows: 10, seed: 5, layout: 'crm', encoding: 'utf8-bom' });
    expect([...bom.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const plain = await generate({ rows: 10, seed: 5, layout: 'crm', encoding: 'utf8' });
    expect(plain.bytes[0]).toBe('F'.charCodeAt(0));
    expect(() => encodeText('민준', 'windows-1252')).toThrow('cannot be written in Windows-1252');
  });

  it('runs as npm run gen:contacts: writes both files, says what is wrong in one line, exits 0 for --help', async () => {
    const run = promisify(execFile);
    const csv = join(dir, 'cli.csv');
    const truthFile = join(dir, 'cli.truth.json');
    await run(process.execPath, [
      GEN_CONTACTS,
      '--rows',
      '50',
      '--seed',
      '2',
      '--layout',
      'council',
      '--out',
      csv,
      '--truth',
      truthFile,
    ]);
    const truth = JSON.parse(readFileSync(truthFile, 'utf8'));
    expect(truth).toMatchObject({ records: 50, delimiter: ';', line_ending: 'CRLF' });
    expect(readFileSync(csv, 'utf8').split('\r\n')[0]).toBe(truth.header.join(';'));

    const help = await run(process.execPath, [GEN_CONTACTS, '--help']);
    expect(help.stdout).toContain('--rows N');
    for (const args of [['--rows', 'many'], ['--layout', 'outlook'], ['--frobnicate']]) {
      const failed = await run(process.execPath, [GEN_CONTACTS, ...args]).catch((error) => error);
      expect(failed.code, args.join(' ')).toBe(2);
      expect(failed.stderr).toMatch(/^gen:contacts: .+\n/);
      expect(failed.stderr).not.toContain('    at ');
    }
  });
});
