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

  /** Uploads `bytes`, maps them as suggested, starts the import and waits until it stops importing. */
  async function importAsSuggested(bytes: Uint8Array, mapping: Record<string, unknown> = {}) {
    const created = await createImport();
    await upload(created, bytes);
    const contactImport = await analysed(created.import.id);
    expect(contactImport.status, JSON.stringify(contactImport.failure)).toBe('awaiting_mapping');
    const mapped = await call('PUT', `/imports/${contactImport.id}/mapping`, {
      role: 'manager',
      json: { mapping: { ...contactImport.analysis.suggestedMapping, ...mapping }, mode: 'create', consentSource: 'x' },
    });
    expect(mapped.status, JSON.stringify(mapped.body)).toBe(200);
    await call('POST', `/imports/${contactImport.id}/start`, { role: 'manager' });
    const ended = await importWhen(contactImport.id, 'ended', (body) => body.status !== 'importing');
    return { analysis: contactImport.analysis, ended };
  }
  const stamp = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  // Rows of about 100 bytes: 800 of them take a file past the 64 KiB the analysis reads.
  const FILLER = 'x'.repeat(60);
  const asciiRows = (label: string, count: number) =>
    Array.from({ length: count }, (_, i) => `${label}.${i}@example.org,Resident ${FILLER}${i}`).join('\n');
  const contactByEmail = async (email: string) =>
    (await call('GET', `/contacts?email=${encodeURIComponent(email)}`, { role: 'viewer' })).body.items[0];

  it('reads a Windows-1252 file whose first accented letter comes after the analysed start as Windows-1252 throughout', async () => {
    const label = `late1252.${stamp()}`;
    const tail = Buffer.from(`zoe.${label}@example.org,Zo\xeb M\xfcller\n`, 'latin1');
    const bytes = Buffer.concat([Buffer.from(`Email,Name\n${asciiRows(label, 800)}\n`), tail]);
    const { analysis, ended } = await importAsSuggested(bytes);
    expect(analysis.encoding).toBe('utf8');
    expect(ended).toMatchObject({ status: 'completed', summary: { created: 801, rejected_records: 0 } });
    expect(await contactByEmail(`zoe.${label}@example.org`)).toMatchObject({ firstName: 'Zoë', lastName: 'Müller' });
    await call('POST', `/imports/${ended.id}/undo`, { role: 'manager' });
  });

  it('reads mostly-UTF-8 text as UTF-8, rejecting only the records with bad bytes, wherever they are', async () => {
    const label = `mostly8.${stamp()}`;
    const good = (i: number) => Buffer.from(`good${i}.${label}@example.org,Zoë Müller-${FILLER}\n`);
    const bad = (i: number) =>
      Buffer.concat([Buffer.from(`bad${i}.${label}@example.org,Zo`), Buffer.from([0xeb]), Buffer.from(' Broken\n')]);
    // A bad record in the analysed start (which then reads as Windows-1252), and one past 64 KiB.
    const bytes = Buffer.concat([
      Buffer.from('Email,Name\n'),
      good(0),
      bad(1),
      ...Array.from({ length: 799 }, (_, i) => good(i + 2)),
      bad(801),
    ]);
    const { analysis, ended } = await importAsSuggested(bytes);
    expect(analysis.encoding).toBe('windows-1252');
    expect(ended).toMatchObject({
      status: 'completed',
      summary: { created: 800, rejected_records: 2, rejected: { invalid_encoding: 2 } },
    });
    expect(await contactByEmail(`good0.${label}@example.org`)).toMatchObject({
      firstName: 'Zoë',
      lastName: `Müller-${FILLER}`,
    });
    await call('POST', `/imports/${ended.id}/undo`, { role: 'manager' });
  });

  it('rejects a well-formed record of megabytes as a row with its line, and imports the rest', async () => {
    const label = `huge.${stamp()}`;
    const huge = `huge.${label}@example.org,"${'x'.repeat(10 * 1024 * 1024)}\n"`;
    const bytes = Buffer.from(`Email,Name\n${asciiRows(label, 50)}\n${huge}\nlast.${label}@example.org,Last\n`);
    const { ended } = await importAsSuggested(bytes);
    expect(ended).toMatchObject({
      status: 'completed',
      summary: { records: 52, created: 51, rejected_records: 1, rejected: { record_too_long: 1 } },
    });
    // Its first thousand characters, as one cell, lead to it.
    const cell = `${huge.slice(0, 1000)}… [cut: ${huge.length.toLocaleString('en-GB')} characters]`;
    const report = (await (await fetch(ended.errorReportUrl)).text()).split('\r\n');
    expect(report[1]).toBe(`51,52,record_too_long,"${cell.replaceAll('"', '""')}"`);
    // The line after the record counts the line break inside its quotes.
    expect(await contactByEmail(`last.${label}@example.org`)).toMatchObject({ firstName: 'Last' });
    await call('POST', `/imports/${ended.id}/undo`, { role: 'manager' });
  });

  it('fails a file with a runaway quote before writing any contact', async () => {
    const label = `runaway.${stamp()}`;
    const bytes = Buffer.from(
      `Email,Name\n${asciiRows(label, 50)}\nhuge.${label}@example.org,"${'x'.repeat(2 * 1024 * 1024)}\n`,
    );
    const { ended } = await importAsSuggested(bytes);
    expect(ended.status).toBe('failed');
    expect(ended.failure).toMatchObject({
      code: 'bad_format',
      message: expect.stringMatching(/^Line 52: a record is longer than .*Nothing was imported\.$/),
    });
    expect(ended.summary?.created ?? 0).toBe(0);
    expect(await contactByEmail(`${label}.0@example.org`)).toBeUndefined();
  });

  it('reads Excel’s Unicode Text (UTF-16 LE with a byte order mark, tab-separated), and UTF-16 BE', async () => {
    const label = `utf16.${stamp()}`;
    const text = `Email\tName\r\nsioned.${label}@example.org\tSiân Ó Briain\r\n`;
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const { analysis, ended } = await importAsSuggested(le);
    expect(analysis).toMatchObject({ encoding: 'utf16le', delimiter: '\t', header: ['Email', 'Name'] });
    expect(ended).toMatchObject({ status: 'completed', summary: { created: 1 } });
    expect(await contactByEmail(`sioned.${label}@example.org`)).toMatchObject({
      firstName: 'Siân',
      lastName: 'Ó Briain',
    });
    await call('POST', `/imports/${ended.id}/undo`, { role: 'manager' });
    const be = Buffer.from(le);
    for (let i = 0; i < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1] as number, be[i] as number];
    const bigEndian = await importAsSuggested(be);
    expect(bigEndian.analysis.encoding).toBe('utf16be');
    expect(bigEndian.ended).toMatchObject({ status: 'completed', summary: { created: 1 } });
    await call('POST', `/imports/${bigEndian.ended.id}/undo`, { role: 'manager' });
  });

  it('reads a file in the encoding staff chose in the mapping, whatever its bytes suggest', async () => {
    const label = `chosen.${stamp()}`;
    // Valid UTF-8 bytes that were meant as Windows-1252 ("Ã©" is how "é" in UTF-8 reads in Windows-1252).
    const bytes = Buffer.from(`Email,Name\nchosen.${label}@example.org,Ren\xc3\xa9\n`, 'latin1');
    const { ended } = await importAsSuggested(bytes, { encoding: 'windows-1252' });
    expect(ended).toMatchObject({ status: 'completed', summary: { created: 1 } });
    expect(await contactByEmail(`chosen.${label}@example.org`)).toMatchObject({ firstName: 'RenÃ©' });
    await call('POST', `/imports/${ended.id}/undo`, { role: 'manager' });
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

  it('rejects rows whose fields hold more than a contact may, whole into the error report; drops an over-long attribute with a warning', async () => {
    const stamp = Date.now();
    const rows = [
      ['Email', 'First Name', 'Tags', 'Notes'],
      [`fits.${stamp}@example.org`, 'Ann', 'parks;roads', 'short note'],
      // Far over DynamoDB's 400 KB item, yet under the reader's record limit: it must not stall the import.
      [`long.name.${stamp}@example.org`, 'N'.repeat(500_000), '', ''],
      // An attribute may have been proposed from a sample that never saw this value: the person stays.
      [`long.note.${stamp}@example.org`, 'Bea', '', 'x'.repeat(1_001)],
      [`many.tags.${stamp}@example.org`, 'Cy', Array.from({ length: 51 }, (_, i) => `tag${i}`).join(';'), ''],
    ];
    const done = await importFile(Buffer.from(`${rows.map((row) => row.join(',')).join('\n')}\n`));
    expect(done.status).toBe('completed');
    expect(done.summary).toMatchObject({
      records: 4,
      created: 2,
      rejected_records: 2,
      rejected: { value_too_long: 1, too_many_values: 1 },
      warnings: { attribute_too_long: 1 },
    });
    const report = (await (await fetch(done.errorReportUrl)).text()).split('\n');
    expect(report.slice(1, 3).map((line) => line.split(',').slice(0, 4).join(','))).toEqual([
      `2,3,value_too_long,long.name.${stamp}@example.org`,
      `4,5,too_many_values,many.tags.${stamp}@example.org`,
    ]);
    // The stored copy of a row must fit a DynamoDB item: a huge cell is cut, with its length noted.
    expect(report[1]).toContain(`${'N'.repeat(25_000)}… [cut: 500,000 characters]`);
    const [bea] = (await call('GET', `/contacts?email=long.note.${stamp}%40example.org`, { role: 'viewer' })).body
      .items;
    expect(bea).toMatchObject({ firstName: 'Bea', attributes: {} });
    const warnings = await (await fetch(done.warningsReportUrl)).text();
    expect(warnings.trimEnd().split('\r\n')).toEqual([
      'record,line,reason,column,value',
      `3,4,attribute_too_long,Notes,${'x'.repeat(1_000)}`,
    ]);
    await call('POST', `/imports/${done.id}/undo`, { role: 'manager' });
  });
});
