import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { IMPORT_TEST_MS } from '../../support/eventually';
import { generatedContacts } from '../../support/generated-contacts';
import { apiUrl, call, tokenFor } from '../api-client';
import { analysed, createImport, upload } from '../imports-client';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..', '..');

describe('npm run cli -- import', { timeout: IMPORT_TEST_MS }, () => {
  it('uploads, maps, imports and prints the summary with the truth’s counts and reason names', async () => {
    const { csv, truth } = generatedContacts('cli');
    const { stdout, stderr } = await run(
      process.execPath,
      [
        'tools/bundled.mjs',
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
        'tools/bundled.mjs',
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
      stderr: expect.stringMatching(/cannot be imported|mapped to email, phone or landline/),
    });
  });

  const cli = async (args: string[]) =>
    run(process.execPath, ['tools/bundled.mjs', 'cli/voxcitio.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, NODE_OPTIONS: '' },
    });
  const newestImportId = async () => (await call('GET', '/imports?limit=1', { role: 'viewer' })).body.items[0]?.id;

  it('answers --help with its usage and exit 0, and a wrong option or a missing file with one line', async () => {
    const help = await cli(['--help']);
    expect(help.stdout).toMatch(/^Usage: npm run cli -- import FILE/);
    await expect(cli(['import', 'x.csv', '--bogus'])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^Unknown option '--bogus'.*--help lists the options\)\n$/),
    });
    // Nothing is created for a file that cannot be read.
    const before = await newestImportId();
    const missing = cli(['import', '/no/such/file.csv', '--api', apiUrl(), '--token', await tokenFor('manager')]);
    await expect(missing).rejects.toMatchObject({ code: 2, stderr: 'Cannot read /no/such/file.csv: no such file\n' });
    expect(await newestImportId()).toBe(before);
  });

  it('applies a template whole (mode, tags, consent source), and what the command line says overrides it', async () => {
    const stamp = Date.now().toString(36);
    const csv = join(tmpdir(), `cli-template-${stamp}.csv`);
    writeFileSync(csv, `Mail ${stamp},Mobile ${stamp}\ncli.${stamp}@example.org,07700 900123\n`);
    const name = `CLI template ${stamp}`;
    const saved = await call('POST', '/import-templates', {
      role: 'manager',
      json: {
        name,
        columns: {
          [`Mail ${stamp}`]: { kind: 'field', field: 'email' },
          [`Mobile ${stamp}`]: { kind: 'field', field: 'phone' },
        },
        defaultCountry: 'GB',
        consentWords: { yes: ['yes'], no: ['no'] },
        tagSeparator: ';',
        mode: 'update',
        addTags: ['from-template'],
        consentSource: 'template consent',
      },
    });
    expect(saved.status).toBe(201);
    const token = await tokenFor('manager');
    const whole = JSON.parse(
      (await cli(['import', csv, '--template', name, '--wait', '--json', '--api', apiUrl(), '--token', token])).stdout,
    );
    expect(whole.settings).toMatchObject({
      mode: 'update',
      addTags: ['from-template'],
      consentSource: 'template consent',
    });
    const overridden = JSON.parse(
      (
        await cli([
          'import',
          csv,
          '--template',
          name,
          '--mode',
          'fill',
          '--tag',
          'cli',
          '--wait',
          '--json',
          '--api',
          apiUrl(),
          '--token',
          token,
        ])
      ).stdout,
    );
    expect(overridden.settings).toMatchObject({ mode: 'fill', addTags: ['cli'], consentSource: 'template consent' });
  });

  it('prints a file that fails analysis as JSON with --json', async () => {
    const empty = join(tmpdir(), `cli-empty-${Date.now().toString(36)}.csv`);
    writeFileSync(empty, '');
    const attempt = cli(['import', empty, '--json', '--api', apiUrl(), '--token', await tokenFor('manager')]);
    const failed = await attempt.catch((error: { stdout: string; code: number }) => error);
    expect((failed as { code: number }).code).toBe(2);
    expect(JSON.parse((failed as { stdout: string }).stdout)).toMatchObject({
      status: 'failed',
      failure: expect.any(Object),
    });
  });
});

describe('DELETE /imports/{id}', () => {
  it('deletes an import that never received its file, and keeps one that has', async () => {
    const created = await call('POST', '/imports', { role: 'manager', json: {} });
    expect((await call('DELETE', `/imports/${created.body.import.id}`, { role: 'staff' })).status).toBe(403);
    expect((await call('DELETE', `/imports/${created.body.import.id}`, { role: 'manager' })).status).toBe(204);
    expect((await call('GET', `/imports/${created.body.import.id}`, { role: 'viewer' })).status).toBe(404);
    expect((await call('DELETE', `/imports/${created.body.import.id}`, { role: 'manager' })).status).toBe(404);

    const uploaded = await createImport();
    await upload(uploaded, Buffer.from(`Email\ndelete.${Date.now()}@example.org\n`));
    await analysed(uploaded.import.id);
    const kept = await call('DELETE', `/imports/${uploaded.import.id}`, { role: 'manager' });
    expect(kept.status).toBe(409);
    expect(kept.body.error.message).toMatch(/undo it instead/);
  });
});
