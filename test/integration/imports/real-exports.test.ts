import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SUGGESTED_ATTRIBUTES } from '../../../shared/imports/import-mapping';
import { IMPORT_TEST_MS } from '../../support/eventually';
import { apiUrl, call, everyItem, tokenFor } from '../api-client';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..', '..');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'exports');

const cli = async (file: string, options: string[] = []) =>
  run(
    process.execPath,
    [
      'tools/bundled.mjs',
      'cli/voxcitio.ts',
      'import',
      file.startsWith('/') ? file : join(FIXTURES, file),
      '--auto-map',
      '--wait',
      '--json',
      ...options,
      '--api',
      apiUrl(),
      '--token',
      await tokenFor('manager'),
    ],
    { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '' } },
  );

/** Imports a fixture with `--auto-map` through the CLI, as a new user would, and reads back what it made. */
async function importWithAutoMap(file: string, options: string[] = []) {
  const { stdout } = await cli(file, options);
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
    // Beside the counts, the warnings report says which value was dropped, and where.
    const imported = await call('GET', `/imports/${result.id}`, { role: 'viewer' });
    const report = await (await fetch(imported.body.warningsReportUrl)).text();
    expect(report.trimEnd().split('\r\n')).toEqual([
      'record,line,reason,column,value',
      '5,6,invalid_phone,Home Phone,12',
    ]);
    // Outlook's 92 columns: a few worth keeping become attributes, none the exporter's constants.
    for (const contact of contacts) {
      expect(Object.keys(contact.attributes).length).toBeLessThanOrEqual(SUGGESTED_ATTRIBUTES);
      for (const constant of ['eMailType', 'gender', 'priority', 'private', 'sensitivity'])
        expect(contact.attributes).not.toHaveProperty(constant);
    }
    await call('POST', `/imports/${result.id}/undo`, { role: 'manager' });
  });

  it('Mailchimp: consent at its confirmation (else sign-up) time; its unsubscribed export refuses, and a later yes without newer evidence does not undo it', async () => {
    const subscribed = await importWithAutoMap('mailchimp-subscribed.csv');
    expect(subscribed.result.summary).toMatchObject({ records: 3, created: 3, rejected_records: 0 });
    const rhian = subscribed.byName('Rhian');
    expect(rhian).toMatchObject({
      email: 'rhian@mailchimp-fixture.example',
      phone: '+447123456780',
      consent: {
        email: { granted: true, timestamp: '2024-05-21T10:31:22.000Z', source: 'import of mailchimp-subscribed.csv' },
      },
    });
    // Mailchimp quotes each tag inside the cell.
    expect([...rhian.tags].sort()).toEqual(['parks', 'youth club']);
    expect(subscribed.byName('Siân')).toMatchObject({
      lastName: 'Ó Briain',
      consent: { email: { granted: true, timestamp: '2024-01-15T08:00:00.000Z' } },
    });
    expect(subscribed.byName('Tom').consent.email).toMatchObject({
      granted: true,
      timestamp: '2023-11-02T17:46:01.000Z',
    });

    // The unsubscribed export: every record a refusal, at its UNSUB_TIME, whatever the import's mode.
    const unsubscribed = await cli('mailchimp-unsubscribed.csv');
    const refusal = JSON.parse(unsubscribed.stdout);
    expect(refusal.settings.mapping.fileConsent).toEqual({ email: 'refused' });
    expect(refusal.summary).toMatchObject({ records: 1, created: 0, updated: 1 });
    const tom = await call('GET', `/contacts?email=${encodeURIComponent('tom@mailchimp-fixture.example')}`, {
      role: 'viewer',
    });
    expect(tom.body.items[0].consent.email).toEqual({
      granted: false,
      optOut: true,
      timestamp: '2024-06-01T12:00:00.000Z',
      source: 'import of mailchimp-unsubscribed.csv',
    });

    // The old subscribed export again, in update mode: its consent is older than the refusal, which stands.
    const again = JSON.parse((await cli('mailchimp-subscribed.csv', ['--mode', 'update'])).stdout);
    expect(again.summary.warnings).toMatchObject({ consent_refusal_kept: 1 });
    const still = await call('GET', `/contacts?email=${encodeURIComponent('tom@mailchimp-fixture.example')}`, {
      role: 'viewer',
    });
    expect(still.body.items[0].consent.email).toMatchObject({ granted: false, optOut: true });
    for (const id of [subscribed.result.id, refusal.id, again.id])
      await call('POST', `/imports/${id}/undo`, { role: 'manager' });
  });

  it('asks, through the CLI, what a consent column whose header does not say means, and imports once told', async () => {
    const stamp = Date.now().toString(36);
    const file = join(tmpdir(), `marketing-${stamp}.csv`);
    writeFileSync(file, `Email,Marketing\nm.${stamp}@fixture.example,yes\n`);
    await expect(cli(file)).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(
        /Does yes in "Marketing" grant email consent .*Say --opt-in "Marketing" or --opt-out "Marketing"\./,
      ),
    });
    const told = JSON.parse((await cli(file, ['--opt-out', 'Marketing'])).stdout);
    expect(told.status).toBe('completed');
    const contact = await call('GET', `/contacts?email=m.${stamp}%40fixture.example`, { role: 'viewer' });
    expect(contact.body.items[0].consent.email).toMatchObject({ granted: false, optOut: true });
    await call('POST', `/imports/${told.id}/undo`, { role: 'manager' });
  });

  it('Excel in German: the analysis reads the national numbers as German (the deployment’s default is GB), and says so', async () => {
    const { result, contacts, byName } = await importWithAutoMap('excel-german.csv');
    expect(result.settings.mapping.defaultCountry).toBe('DE');
    expect(result.summary).toMatchObject({ records: 4, created: 4, rejected_records: 0 });
    expect(contacts).toHaveLength(4);
    expect(byName('Anna')).toMatchObject({
      lastName: 'Schmidt',
      phone: '+491639581382',
      landline: '+493012345678',
      postcode: '10115',
      consent: { email: { granted: true } },
    });
    expect(byName('Jörg')).toMatchObject({
      lastName: 'Müller',
      phone: '+4915123456789',
      consent: { email: { granted: false } },
    });
    expect(byName('Zoë')).toMatchObject({ lastName: 'Weiß', landline: '+49891234567' });
    expect(byName('Zoë').phone).toBeUndefined();
    for (const id of [result.id]) await call('POST', `/imports/${id}/undo`, { role: 'manager' });
    // Told GB on the command line, the CLI warns before it imports.
    const told = await cli('excel-german.csv', ['--country', 'GB', '--mode', 'create']);
    expect(told.stderr).toMatch(/Warning: 3 of 3 phone numbers are valid in DE, 0 in GB; --country DE/);
    await call('POST', `/imports/${JSON.parse(told.stdout).id}/undo`, { role: 'manager' });
  });

  it('Google Contacts: typed phone slots, labels without Google’s own, a two-line address, each person’s country', async () => {
    const { result, contacts, byName } = await importWithAutoMap('google-contacts.csv');
    expect(result.summary).toMatchObject({ records: 3, created: 3, rejected_records: 0 });
    expect(contacts).toHaveLength(3);
    expect(byName('Ceri')).toMatchObject({
      lastName: 'Jones',
      email: 'ceri@google-fixture.example',
      phone: '+447911223344',
      landline: '+442920872000',
      postcode: 'CF10 1AA',
      tags: ['parks'],
    });
    // Irish by her country column, though the deployment's default country is GB.
    expect(byName('Niamh')).toMatchObject({ lastName: 'Ní Bhriain', phone: '+353871234567', tags: ['youth club'] });
    // His first slot is labelled Work, where the others' are Mobile: each number goes where its own label says.
    expect(byName('Owain')).toMatchObject({
      phone: '+447911223366',
      landline: '+442920871111',
      postcode: 'NP20 1AA',
      tags: ['transport'],
    });
    await call('POST', `/imports/${result.id}/undo`, { role: 'manager' });
  });

  it('Google Contacts, legacy export: Name beside Given and Family Name, Group Membership, Phone N - Type per person', async () => {
    const { result, contacts, byName } = await importWithAutoMap('google-contacts-legacy.csv');
    // A work number alone in the mobile slot is no reason to read the file as Egyptian.
    expect(result.settings.mapping.defaultCountry).toBe('GB');
    expect(result.summary).toMatchObject({ records: 2, created: 2, rejected_records: 0 });
    expect(contacts).toHaveLength(2);
    expect(byName('Bethan')).toMatchObject({
      lastName: 'Roberts',
      phone: '+447911123470',
      landline: '+441286672255',
      postcode: 'LL55 2AY',
      tags: ['allotments'],
      attributes: expect.objectContaining({ displayName: 'Bethan Roberts' }),
    });
    expect(byName('Huw')).toMatchObject({ landline: '+441248383838', postcode: 'LL57 2PW', tags: [] });
    expect(byName('Huw').phone).toBeUndefined();
    await call('POST', `/imports/${result.id}/undo`, { role: 'manager' });
  });

  it('NationBuilder: its opt-ins per channel, mobile and landline, tag list, each person’s country code', async () => {
    const { result, contacts, byName } = await importWithAutoMap('nationbuilder-people.csv');
    expect(result.summary).toMatchObject({ records: 2, created: 2, rejected_records: 0 });
    expect(contacts).toHaveLength(2);
    expect(byName('Dafydd')).toMatchObject({
      lastName: 'ap Rhys',
      externalId: '1001',
      phone: '+447911123457',
      landline: '+441248123456',
      postcode: 'LL57 2DG',
      consent: { email: { granted: true }, sms: { granted: false } },
    });
    expect([...byName('Dafydd').tags].sort()).toEqual(['parks', 'volunteers']);
    expect(byName('Aoife')).toMatchObject({
      phone: '+353877654321',
      consent: { email: { granted: false }, sms: { granted: true } },
      tags: ['transport'],
    });
    await call('POST', `/imports/${result.id}/undo`, { role: 'manager' });
  });

  it('CiviCRM: its 83 primary fields; Tag(s) preferred to Group(s); both email opt-outs; Phone Type per person; County is not the country', async () => {
    const { result, contacts, byName } = await importWithAutoMap('civicrm-contacts.csv');
    // No question asked: "Do Not Mail" is about post, not email.
    expect(result.summary).toMatchObject({ records: 3, created: 3, rejected_records: 0 });
    expect(contacts).toHaveLength(3);
    const gareth = byName('Gareth');
    expect(gareth).toMatchObject({
      lastName: 'Evans',
      externalId: '201',
      email: 'gareth@civicrm-fixture.example',
      phone: '+447911123458',
      postcode: 'LL55 1SE',
      language: 'cy-GB',
      attributes: expect.objectContaining({ groups: 'Newsletter Subscribers, Parks Friends', city: 'Caernarfon' }),
    });
    expect([...gareth.tags].sort()).toEqual(['volunteer', 'youth council']);
    expect(gareth.consent?.email?.optOut).toBeUndefined();
    // Only "No Bulk Emails (User Opt Out)" is set: a refusal all the same. Her Phone Type is Phone: a landline.
    const megan = byName('Megan');
    expect(megan).toMatchObject({ landline: '+441248600100', language: 'en-GB', tags: ['volunteer'] });
    expect(megan.phone).toBeUndefined();
    expect(megan.consent.email).toMatchObject({ granted: false, optOut: true });
    expect(byName('Pádraig')).toMatchObject({
      lastName: 'Ó Súilleabháin',
      phone: '+447400123459',
      language: 'ga-IE',
      consent: { sms: { granted: false, optOut: true } },
    });
    await call('POST', `/imports/${result.id}/undo`, { role: 'manager' });
  });

  it('HubSpot: 181 columns, a few kept as attributes and no row rejected; its opt-out and language names', async () => {
    const { result, contacts, byName } = await importWithAutoMap('hubspot-contacts.csv');
    expect(result.summary).toMatchObject({ records: 6, created: 6, rejected_records: 0 });
    expect(contacts).toHaveLength(6);
    for (const contact of contacts)
      expect(Object.keys(contact.attributes).length).toBeLessThanOrEqual(SUGGESTED_ATTRIBUTES);
    expect(byName('Catrin')).toMatchObject({
      lastName: 'Lewis',
      externalId: '5101',
      phone: '+447911123462',
      landline: '+442920871234',
      postcode: 'CF10 1EP',
      language: 'cy',
    });
    expect(byName('Emyr').consent.email).toMatchObject({ granted: false, optOut: true });
    expect(byName('Catrin').consent?.email?.optOut).toBeUndefined();
    expect(byName('Sara')).toMatchObject({ landline: '+442920223344', language: 'ur' });
    expect(byName('Sara').phone).toBeUndefined();
    await call('POST', `/imports/${result.id}/undo`, { role: 'manager' });
  });

  it('Salesforce: a report with its footer; Mobile the phone, Phone the landline, Email Opt Out a refusal', async () => {
    const { result, contacts, byName } = await importWithAutoMap('salesforce-report.csv');
    // The footer's five lines are not records.
    expect(result.summary).toMatchObject({ records: 2, created: 2, rejected_records: 0 });
    expect(contacts).toHaveLength(2);
    const rhiannon = byName('Rhiannon');
    expect(rhiannon).toMatchObject({
      lastName: 'Davies',
      phone: '+447911123461',
      landline: '+442920491111',
      postcode: 'CF23 5PG',
      attributes: expect.objectContaining({ accountName: 'Friends of Roath Park' }),
    });
    expect(rhiannon.consent?.email?.optOut).toBeUndefined();
    expect(byName('Osian')).toMatchObject({
      landline: '+442920462222',
      consent: { email: { granted: false, optOut: true } },
    });
    await call('POST', `/imports/${result.id}/undo`, { role: 'manager' });
  });

  it('Thunderbird: its header and rows ending with a comma; the home postcode; the display name kept', async () => {
    const { result, contacts, byName } = await importWithAutoMap('thunderbird-address-book.csv');
    expect(result.analysis.header.at(-1)).toBe('(column 38)');
    expect(result.summary).toMatchObject({ records: 2, created: 2, rejected_records: 0 });
    expect(contacts).toHaveLength(2);
    expect(byName('Iwan')).toMatchObject({
      lastName: 'Morgan',
      email: 'iwan@thunderbird-fixture.example',
      phone: '+447911123460',
      landline: '+442920873000',
      postcode: 'CF10 2BU',
      attributes: expect.objectContaining({ displayName: 'Iwan Morgan' }),
    });
    expect(byName('Lowri')).toMatchObject({
      landline: '+441970623111',
      postcode: 'SY23 1DE',
      attributes: expect.objectContaining({ notes: 'Met at the Penglais consultation' }),
    });
    expect(byName('Lowri').phone).toBeUndefined();
    await call('POST', `/imports/${result.id}/undo`, { role: 'manager' });
  });
});
