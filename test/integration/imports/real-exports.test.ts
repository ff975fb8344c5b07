import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SUGGESTED_ATTRIBUTES } from '../../../shared/imports/import-mapping';
import { IMPORT_TEST_MS } from '../../support/eventually';
import { apiUrl, call, everyItem, tokenFor } from '../api-client';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..', '..');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'exports');

/** Imports a fixture with `--auto-map` through the CLI, as a new user would, and reads back what it made. */
async function importWithAutoMap(file: string) {
  const { stdout } = await run(
    process.execPath,
    [
      '--import',
      'tsx',
      'cli/voxcitio.ts',
      'import',
      join(FIXTURES, file),
      '--auto-map',
      '--country',
      'GB',
      '--wait',
      '--json',
      '--api',
      apiUrl(),
      '--token',
      await tokenFor('manager'),
    ],
    { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '' } },
  );
  const result = JSON.parse(stdout);
  expect(result.status, stdout).toBe('completed');
  const segment = await call('POST', '/segments', {
    role: 'staff',
    json: { name: `Import ${result.id}`, filter: { importId: result.id } },
  });
  expect(segment.status).toBe(201);
  const contacts = await everyItem(`/segments/${segment.body.id}/members`, 'viewer');
  const byName = (firstName: string) => contacts.find((contact) => contact.firstName === firstName);
  return { result, contacts, byName };
}

describe('exports as real systems write them, imported with --auto-map', { timeout: IMPORT_TEST_MS }, () => {
  it('Outlook: mobiles are phones, home and business numbers landlines, colleagues sharing an office number stay two people', async () => {
    const { result, contacts, byName } = await importWithAutoMap('outlook-contacts.csv');
    expect(result.summary).toMatchObject({
      records: 5,
      created: 5,
      rejected_records: 0,
      duplicate_records: 0,
      warnings: { invalid_phone: 1 },
    });
    expect(contacts).toHaveLength(5);
    expect(byName('Ann')).toMatchObject({
      lastName: 'Jones',
      email: 'ann.jones@outlook-fixture.example',
      phone: '+447123456789',
      landline: '+441134960000',
      // The home postcode, not the business one Outlook writes first.
      postcode: 'LS1 4AP',
      attributes: expect.objectContaining({ homeStreet: '1 Park Row', businessPostalCode: 'LS2 9JT' }),
    });
    expect([...byName('Ann').tags].sort()).toEqual(['libraries', 'parks']);
    // Windows-1252, as Outlook writes it.
    expect(byName('Zoë')).toMatchObject({
      lastName: 'Müller',
      email: 'zoe@outlook-fixture.example',
      landline: '+441134960500',
    });
    expect(byName('Bob')).toMatchObject({
      email: 'bob@outlook-fixture.example',
      landline: '+441134960500',
      tags: ['transport'],
    });
    for (const colleague of [byName('Zoë'), byName('Bob')]) expect(colleague.phone).toBeUndefined();
    // Only a home phone: still a contact, never one SMS could reach.
    expect(byName('Carol')).toMatchObject({ landline: '+442079460018', postcode: 'LS8 1EF' });
    expect(byName('Carol').email).toBeUndefined();
    expect(byName('Carol').phone).toBeUndefined();
    // An invalid home phone is dropped with a warning; the mobile stays.
    expect(byName('Dev')).toMatchObject({ phone: '+447911123456', email: 'dev@outlook-fixture.example' });
    expect(byName('Dev').landline).toBeUndefined();
    // Outlook's 92 columns: a few worth keeping become attributes, none the exporter's constants.
    for (const contact of contacts) {
      expect(Object.keys(contact.attributes).length).toBeLessThanOrEqual(SUGGESTED_ATTRIBUTES);
      for (const constant of ['eMailType', 'gender', 'priority', 'private', 'sensitivity'])
        expect(contact.attributes).not.toHaveProperty(constant);
    }
    await call('POST', `/imports/${result.id}/undo`, { role: 'manager' });
  });
});
