import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/core/http/role-names';
import { apiUrl, tokenFor } from '../api-client';

const run = promisify(execFile);

/**
 * The README's examples, run as written against the local stack: every shell block that calls the local API,
 * in order, by bash, with curl and jq, in a folder of its own. Only two things change: the token its
 * `npm run token` line would mint comes from this stack's key, and localhost:3000 is this stack's address.
 * Every curl fails the block on an answer of 400 or more (--fail-with-body), as does any failing command.
 */
const README = readFileSync(join(import.meta.dirname, '..', '..', '..', 'README.md'), 'utf8');
const blocks = [...README.matchAll(/```bash\n([\s\S]*?)```/g)].map((match) => match[1] as string);
const apiBlocks = blocks.filter((block) => /curl [^\n]*localhost:3000/.test(block));
const TOKEN_LINE = /^TOKEN=\$\(npm run --silent token -- --role (\w+)\)[^\n]*$/m;

const folder = mkdtempSync(join(tmpdir(), 'voxcitio-readme-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function runAsWritten(block: string) {
  const role = (TOKEN_LINE.exec(block)?.[1] ?? 'admin') as Role;
  const script = [
    'set -euo pipefail',
    'curl() { command curl --fail-with-body --max-time 30 "$@"; }',
    block.replace(TOKEN_LINE, `TOKEN='${await tokenFor(role)}'`).replaceAll('localhost:3000', new URL(apiUrl()).host),
  ].join('\n');
  return run('bash', ['-c', script], { cwd: folder, timeout: 120_000, maxBuffer: 16 << 20 });
}

describe('the README’s examples', () => {
  it('has examples to run: contacts, an import, a survey from segment to results', () => {
    expect(apiBlocks.length).toBeGreaterThanOrEqual(3);
    const all = apiBlocks.join('\n');
    for (const path of ['/contacts', '/imports', '/segments', '/surveys', '/s/']) expect(all).toContain(path);
  });

  it.each(apiBlocks.map((block, index) => [index + 1, block] as const))(
    'block %i runs as written against the local stack',
    async (_index, block) => {
      const outcome = await runAsWritten(block).catch((error: { stdout: string; stderr: string; code: number }) => {
        throw new Error(`exit ${error.code}\n${error.stdout}\n${error.stderr}\n--- block:\n${block}`);
      });
      expect(outcome.stderr).toBe('');
    },
  );

  it('imports the example file and answers the example survey, as the README says', async () => {
    const [, importing, surveying] = apiBlocks as [string, string, string];
    const imported = await runAsWritten(`${importing}\ncurl -s localhost:3000/imports/$ID -H "$AUTH"`);
    const last = imported.stdout.trimEnd().split('\n').at(-1) as string;
    expect(JSON.parse(last)).toMatchObject({ status: 'completed', summary: { records: 1 } });
    const surveyed = await runAsWritten(surveying);
    expect(surveyed.stdout).toMatch(/"responses": 1/);
  });
});
