import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { IMPORT_TEST_MS } from '../../support/eventually';
import { generatedContacts } from '../../support/generated-contacts';
import { apiUrl, call, tokenFor } from '../api-client';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..', '..');

describe('npm run cli -- import', { timeout: IMPORT_TEST_MS }, () => {
  it('uploads, maps, imports and prints the summary with the truth’s counts and reason names', async () => {
    const { csv, truth } = generatedContacts('cli');
    const { stdout, stderr } = await run(
      process.execPath,
      [
        '--import',
        'tsx',
        'cli/voxcitio.ts',
        'import',
        csv,
        '--auto-map',
        '--country',
        'GB',
        '--mode',
        'create',
        '--wait',
        '--json',
        '--api',
        apiUrl(),
        '--token',
        await tokenFor('manager'),
      ],
      { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '' } },
    );
    expect(stderr).toMatch(/Import .* started/);
    const result = JSON.parse(stdout);
    expect(result.status).toBe('completed');
    expect(result.summary).toMatchObject({
      records: truth.records,
      imported_records: truth.imported_records,
      rejected_records: truth.rejected_records,
      rejected: truth.rejected,
      warnings: truth.warnings,
      duplicate_records: truth.duplicate_records,
      created: truth.unique_contacts,
    });
    await call('POST', `/imports/${result.id}/undo`, { role: 'manager' });
  });

  it('says what is wrong with a file that cannot be imported, and exits non-zero', async () => {
    const attempt = run(
      process.execPath,
      [
        '--import',
        'tsx',
        'cli/voxcitio.ts',
        'import',
        join(ROOT, 'package.json'),
        '--wait',
        '--api',
        apiUrl(),
        '--token',
        await tokenFor('manager'),
      ],
      { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '' } },
    );
    await expect(attempt).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/cannot be imported|mapped to email or phone/),
    });
  });
});
