import { readFileSync } from 'node:fs';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { readDeploymentConfig } from '../../../local/deployment-config-file';
import { csvLine } from '../../../shared/core/files/csv-writer';
import { importRejectEntity } from '../../../shared/imports/entities';
import { IMPORT_TEST_MS } from '../../support/eventually';
import {
  combinationName,
  ENCODINGS,
  expectedImportSummary,
  generatedContacts,
  LAYOUT_NAMES,
} from '../../support/generated-contacts';
import { call } from '../api-client';
import { analysed, createImport, importFile, importWhen, upload } from '../imports-client';
import { localDocumentClient, localTableName } from '../local-clients';

const combos = LAYOUT_NAMES.flatMap((layout) => ENCODINGS.map((encoding) => ({ layout, encoding })));

describe('importing a contacts CSV end to end', { timeout: IMPORT_TEST_MS }, () => {
  it.each(combos)(
    '$layout in $encoding: every truth count, the error report, the sample people; re-import changes nothing; undo removes it',
    async ({ layout, encoding }) => {
      const { csv, truth } = generatedContacts(combinationName('run', layout, encoding));
      expect(truth.sample.length).toBeGreaterThan(5);
      const bytes = readFileSync(csv);
      const first = await importFile(bytes);
      expect(first.summary).toEqual(expectedImportSummary(truth));
      expect(first.progress).toEqual({ records: truth.records, percentOfBytes: 100 });

      // The error report: every rejected record with its record and line numbers, reason, and original row.
      const report = await (await fetch(first.errorReportUrl)).text();
      const lines = report.trimEnd().split('\r\n');
      expect(lines[0]).toBe(csvLine(['record', 'line', 'reason', ...truth.header]).trimEnd());
      const rows = lines.slice(1).map((line) => line.split(',').slice(0, 3));
      expect(rows).toEqual(truth.rejected_list.map((row) => [String(row.record), String(row.line), row.reason]));

      for (const expected of truth.sample) {
        const query = expected.email
          ? `email=${encodeURIComponent(expected.email)}`
          : `phone=${encodeURIComponent(expected.phone)}`;
        const [contact] = (await call('GET', `/contacts?${query}`, { role: 'viewer' })).body.items;
        expect(contact).toMatchObject({
          ...(expected.email && { email: expected.email }),
          ...(expected.phone && { phone: expected.phone }),
          postcode: expected.postcode,
          ward: expected.ward,
          externalId: expected.external_id,
          source: { importId: first.id },
        });
        expect([...contact.tags].sort()).toEqual([...expected.tags].sort());
        if (expected.email) expect(contact.consent.email?.granted ?? false).toBe(expected.consent_email);
        if (expected.email && contact.consent.email) expect(contact.consent.email.source).toBe('test import');
        const fold = (value?: string) => (layout === 'legacy' ? value?.toLowerCase() : value);
        expect(fold(contact.firstName)).toBe(fold(expected.first_name));
        expect(fold(contact.lastName)).toBe(fold(expected.last_name));
      }

      const again = await importFile(bytes);
      expect(again.summary).toMatchObject({
        created: 0,
        updated: 0,
        unchanged: truth.imported_records,
        duplicate_records: 0,
      });

      const undone = await call('POST', `/imports/${first.id}/undo`, { role: 'manager' });
      expect(undone.status).toBe(200);
      expect(undone.body).toMatchObject({ status: 'undone', undoneContacts: truth.unique_contacts });
      for (const expected of truth.sample) {
        const query = expected.email
          ? `email=${encodeURIComponent(expected.email)}`
          : `phone=${encodeURIComponent(expected.phone)}`;
        expect((await call('GET', `/contacts?${query}`, { role: 'viewer' })).body.items).toEqual([]);
      }
    },
  );

  it('starts once only, needs its mapping first, and undoes only what completed', async () => {
    const created = await createImport();
    await upload(created, Buffer.from('Email,Mobile\na@example.org,07123456789\n'));
    await analysed(created.import.id);
    const early = await call('POST', `/imports/${created.import.id}/start`, { role: 'manager' });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/no mapping yet/);
    const notDone = await call('POST', `/imports/${created.import.id}/undo`, { role: 'manager' });
    expect(notDone.status).toBe(409);

    const done = await importFile(Buffer.from(`Email,Mobile\nonce.${Date.now()}@example.org,\n`));
    const twice = await call('POST', `/imports/${done.id}/start`, { role: 'manager' });
    expect(twice.status).toBe(409);
    expect((await call('POST', `/imports/${done.id}/undo`, { role: 'manager' })).status).toBe(200);
    expect((await call('POST', `/imports/${done.id}/undo`, { role: 'manager' })).status).toBe(409);
  });

  it('fails an import whose file turns out to be unreadable part-way, keeping what it imported undoable', async () => {
    const rows = Array.from({ length: 1500 }, (_, i) => `partway.${Date.now()}.${i}@example.org,Resident ${i}`).join(
      '\n',
    );
    const bytes = Buffer.concat([Buffer.from(`Email,Name\n${rows}\n`), Buffer.from([0xff, 0xfe, 0x41, 0x0a])]);
    const created = await createImport();
    await upload(created, bytes);
    const contactImport = await analysed(created.import.id);
    expect(contactImport.analysis.encoding).toBe('utf8');
    await call('PUT', `/imports/${contactImport.id}/mapping`, {
      role: 'manager',
      json: { mapping: contactImport.analysis.suggestedMapping, mode: 'create', consentSource: 'x' },
    });
    await call('POST', `/imports/${contactImport.id}/start`, { role: 'manager' });
    const failed = await importWhen(contactImport.id, 'failed', (body) => body.status === 'failed');
    expect(failed.failure).toMatchObject({ code: 'bad_format', message: expect.stringMatching(/not valid UTF-8/) });
    expect(failed.summary.created).toBeGreaterThan(0);
    const undone = await call('POST', `/imports/${contactImport.id}/undo`, { role: 'manager' });
    expect(undone.body).toMatchObject({ status: 'undone', undoneContacts: failed.summary.created });
  });

  it('keeps rejected rows only until the deployment’s retention ends (the table’s TTL deletes them)', async () => {
    const csv = `Email,First Name\nkept.${Date.now()}@example.org,Ann\nnot-an-email,Bea\n`;
    const before = Math.floor(Date.now() / 1000);
    const done = await importFile(Buffer.from(csv));
    expect(done.summary.rejected_records).toBe(1);
    const { Items = [] } = await localDocumentClient().send(
      new QueryCommand({ TableName: localTableName(), ...importRejectEntity.queryCollection(done.id) }),
    );
    const retentionSeconds = readDeploymentConfig().dataRetentionDays * 86_400;
    expect(Items).toHaveLength(1);
    expect(Items[0]?.expiresAt).toBeGreaterThanOrEqual(before + retentionSeconds);
    expect(Items[0]?.expiresAt).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + retentionSeconds);
    await call('POST', `/imports/${done.id}/undo`, { role: 'manager' });
  });

  it('keeps cells that look like formulas as text, and neutralises them in the error report', async () => {
    const email = `formula.${Date.now()}@example.org`;
    const csv = `Email,First Name,Mobile\n${email},=HYPERLINK("http://x"),\n"@SUM(A1)",+cmd,12345\n`;
    const done = await importFile(Buffer.from(csv));
    const [contact] = (await call('GET', `/contacts?email=${encodeURIComponent(email)}`, { role: 'viewer' })).body
      .items;
    expect(contact.firstName).toBe('=HYPERLINK("http://x")');
    const report = await (await fetch(done.errorReportUrl)).text();
    expect(report).toContain(`2,3,no_valid_channel,'@SUM(A1),'+cmd,12345`);
    await call('POST', `/imports/${done.id}/undo`, { role: 'manager' });
  });

  it('rejects rows holding more than a contact may, whole into the error report, and imports the rest', async () => {
    const stamp = Date.now();
    const rows = [
      ['Email', 'First Name', 'Tags', 'Notes'],
      [`fits.${stamp}@example.org`, 'Ann', 'parks;roads', 'short note'],
      [`long.name.${stamp}@example.org`, 'N'.repeat(201), '', ''],
      // Far over DynamoDB's 400 KB item, yet under the reader's record limit: it must not stall the import.
      [`long.note.${stamp}@example.org`, 'Bea', '', 'x'.repeat(500_000)],
      [`many.tags.${stamp}@example.org`, 'Cy', Array.from({ length: 51 }, (_, i) => `tag${i}`).join(';'), ''],
    ];
    const done = await importFile(Buffer.from(`${rows.map((row) => row.join(',')).join('\n')}\n`));
    expect(done.status).toBe('completed');
    expect(done.summary).toMatchObject({
      records: 4,
      created: 1,
      rejected_records: 3,
      rejected: { value_too_long: 2, too_many_values: 1 },
    });
    const report = (await (await fetch(done.errorReportUrl)).text()).split('\n');
    expect(report.slice(1, 4).map((line) => line.split(',').slice(0, 4).join(','))).toEqual([
      `2,3,value_too_long,long.name.${stamp}@example.org`,
      `3,4,value_too_long,long.note.${stamp}@example.org`,
      `4,5,too_many_values,many.tags.${stamp}@example.org`,
    ]);
    // The stored copy of a row must fit a DynamoDB item: a huge cell is cut, with its length noted.
    expect(report[2]).toContain(`${'x'.repeat(25_000)}… [cut: 500,000 characters]`);
    await call('POST', `/imports/${done.id}/undo`, { role: 'manager' });
  });
});
