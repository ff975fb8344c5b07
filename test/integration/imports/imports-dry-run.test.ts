import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { IMPORT_TEST_MS } from '../../support/eventually';
import { expectedImportSummary, generatedContacts } from '../../support/generated-contacts';
import { call } from '../api-client';
import { analysed, createImport, importWhen, upload, waitUntilCompleted } from '../imports-client';

async function mappedImport(bytes: Uint8Array, mode: 'create' | 'update' | 'fill') {
  const created = await createImport();
  await upload(created, bytes);
  const contactImport = await analysed(created.import.id);
  await call('PUT', `/imports/${contactImport.id}/mapping`, {
    role: 'manager',
    json: { mapping: contactImport.analysis.suggestedMapping, mode, consentSource: 'dry run test' },
  });
  return contactImport.id as string;
}

async function dryRun(id: string) {
  const started = await call('POST', `/imports/${id}/dry-run`, { role: 'manager' });
  expect(started.status).toBe(202);
  return importWhen(
    id,
    'its dry run finished',
    (body) => body.dryRun?.status !== undefined && body.dryRun.status !== 'running',
  );
}

describe('a dry run', { timeout: IMPORT_TEST_MS }, () => {
  it('says what the import would do, writes nothing, and agrees with the import that follows', async () => {
    const { csv, truth } = generatedContacts('dry-run');
    const bytes = readFileSync(csv);
    const id = await mappedImport(bytes, 'create');
    const { dryRun: result, status } = await dryRun(id);
    expect(status).toBe('awaiting_mapping');
    expect(result).toMatchObject({ status: 'completed' });
    expect(result.partial).toBeUndefined();
    expect(result.summary).toEqual(expectedImportSummary(truth));
    for (const person of truth.sample) {
      const query = person.email
        ? `email=${encodeURIComponent(person.email)}`
        : `phone=${encodeURIComponent(person.phone as string)}`;
      expect((await call('GET', `/contacts?${query}`, { role: 'viewer' })).body.items).toEqual([]);
    }

    await call('POST', `/imports/${id}/start`, { role: 'manager' });
    const done = await waitUntilCompleted(id);
    expect(done.summary).toEqual(result.summary);

    // Against the contacts it made: in update mode with the same values, everything is unchanged.
    const again = await mappedImport(bytes, 'update');
    const second = await dryRun(again);
    expect(second.dryRun.summary).toMatchObject({ created: 0, updated: 0, unchanged: truth.imported_records });
    await call('POST', `/imports/${id}/undo`, { role: 'manager' });
  });

  it('agrees with the import on a file whose first part already exists, in update mode', async () => {
    const { csv, truth } = generatedContacts('dry-run-then-import');
    const bytes = readFileSync(csv);
    // The file's header and first 250 records, cut at a record's end (records may span lines).
    const rows = parse(bytes, { raw: true, relax_column_count: true }) as unknown as { raw: string }[];
    const firstPart = rows
      .slice(0, 251)
      .map((row) => row.raw)
      .join('');
    const earlier = await mappedImport(Buffer.from(firstPart), 'create');
    await call('POST', `/imports/${earlier}/start`, { role: 'manager' });
    await waitUntilCompleted(earlier);

    const id = await mappedImport(bytes, 'update');
    const { dryRun: result } = await dryRun(id);
    expect(result.summary.created).toBeGreaterThan(0);
    expect(result.summary.updated + result.summary.unchanged).toBeGreaterThan(0);
    expect(result.summary.records).toBe(truth.records);
    await call('POST', `/imports/${id}/start`, { role: 'manager' });
    expect((await waitUntilCompleted(id)).summary).toEqual(result.summary);
    await call('POST', `/imports/${id}/undo`, { role: 'manager' });
    await call('POST', `/imports/${earlier}/undo`, { role: 'manager' });
  });

  it('agrees with the import on tags left out at a contact’s limit, and the contact stays editable', async () => {
    const stamp = Date.now();
    const tags = (from: number) => Array.from({ length: 30 }, (_, i) => `limit${from + i}`).join(';');
    // One person over two records of 30 tags each: the contact takes 50, and the second record leaves 10 out.
    const csv = `Email,First Name,Tags\nfull.${stamp}@example.org,Ann,${tags(0)}\nfull.${stamp}@example.org,,${tags(100)}\n`;
    const id = await mappedImport(Buffer.from(csv), 'create');
    const { dryRun: result } = await dryRun(id);
    expect(result.summary).toMatchObject({ created: 1, duplicate_records: 1, warnings: { over_contact_limits: 1 } });
    await call('POST', `/imports/${id}/start`, { role: 'manager' });
    expect((await waitUntilCompleted(id)).summary).toEqual(result.summary);

    const email = encodeURIComponent(`full.${stamp}@example.org`);
    const [contact] = (await call('GET', `/contacts?email=${email}`, { role: 'viewer' })).body.items;
    expect(contact.tags).toHaveLength(50);
    const renamed = await call('PATCH', `/contacts/${contact.id}`, { role: 'staff', json: { firstName: 'Anna' } });
    expect(renamed.status).toBe(200);
    await call('POST', `/imports/${id}/undo`, { role: 'manager' });
  });

  it('needs a mapping, and is refused once the import has started', async () => {
    const created = await createImport();
    await upload(created, Buffer.from('Email\na@example.org\n'));
    await analysed(created.import.id);
    expect((await call('POST', `/imports/${created.import.id}/dry-run`, { role: 'manager' })).status).toBe(409);
  });
});
