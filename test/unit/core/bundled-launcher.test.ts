import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..', '..');
const folder = join(ROOT, 'node_modules', '.cache', `bundled-launcher-test-${process.pid}`);
const entry = join(folder, 'entry.ts');
const part = join(folder, 'part.ts');
const launch = async (...args: string[]) =>
  (await run(process.execPath, [join(ROOT, 'tools', 'bundled.mjs'), entry, ...args], { cwd: ROOT })).stdout;

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('tools/bundled.mjs (how npm run cli and npm run token start)', () => {
  it('runs a TypeScript entry point with its own arguments, and rebuilds it when one of its sources changes', async () => {
    mkdirSync(folder, { recursive: true });
    writeFileSync(part, `export const word: string = 'first';\n`);
    writeFileSync(entry, `import { word } from './part';\nconsole.log(word, process.argv.slice(2).join(' '));\n`);
    expect(await launch('--role', 'viewer')).toBe('first --role viewer\n');
    writeFileSync(part, `export const word: string = 'second';\n`);
    // Later than the bundle whatever the file system's clock resolution.
    const later = new Date(Date.now() + 5_000);
    utimesSync(part, later, later);
    expect(await launch()).toBe('second \n');
  });
});
