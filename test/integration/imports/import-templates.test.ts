import { describe, expect, it } from 'vitest';
import { call, everyItem } from '../api-client';
import { analysed, createImport, upload } from '../imports-client';

const run = Date.now().toString(36);
const header = [`Ref ${run}`, `Mail ${run}`, `Mobile ${run}`, `Topics ${run}`];

const template = (overrides: Record<string, unknown> = {}) => ({
  name: `Nightly CRM ${run}`,
  columns: {
    [header[0] as string]: { kind: 'field', field: 'external_id' },
    [header[1] as string]: { kind: 'field', field: 'email' },
    [header[2] as string]: { kind: 'field', field: 'phone' },
    [header[3] as string]: { kind: 'attribute', key: 'crmTopics' },
  },
  defaultCountry: 'GB',
  consentWords: { yes: ['yes'], no: ['no'] },
  tagSeparator: ';',
  mode: 'update',
  addTags: ['nightly'],
  consentSource: 'CRM nightly export',
  ...overrides,
});

describe('import templates', () => {
  it('are saved, listed, and proposed first for an upload with the same headers in any order', async () => {
    const saved = await call('POST', '/import-templates', { role: 'manager', json: template() });
    expect(saved.status).toBe(201);
    const listed = await everyItem<{ name: string }>('/import-templates', 'viewer', 2);
    expect(listed.map((item) => item.name)).toContain(`Nightly CRM ${run}`);

    // The same columns, another order and case: matched by name.
    const reordered = [header[2], header[0], (header[3] as string).toUpperCase(), header[1]];
    const csv = `${reordered.join(',')}\n07123 456789,R1,parks,ann@example.org\n`;
    const created = await createImport();
    await upload(created, Buffer.from(csv));
    const { analysis } = await analysed(created.import.id);
    expect(analysis.proposedTemplate).toEqual({
      name: `Nightly CRM ${run}`,
      mode: 'update',
      addTags: ['nightly'],
      consentSource: 'CRM nightly export',
    });
    expect(analysis.suggestedMapping.columns).toEqual([
      { kind: 'field', field: 'phone' },
      { kind: 'field', field: 'external_id' },
      { kind: 'attribute', key: 'crmTopics' },
      { kind: 'field', field: 'email' },
    ]);
  });

  it('are not proposed for a file with other headers', async () => {
    const created = await createImport();
    await upload(created, Buffer.from(`${header.slice(0, 3).join(',')}\nR1,ann@example.org,07123456789\n`));
    const { analysis } = await analysed(created.import.id);
    expect(analysis.proposedTemplate).toBeUndefined();
  });

  it('refuse a taken name (in any case), a template that cannot work, and a weaker role', async () => {
    const name = `Weekly ${run}`;
    expect((await call('POST', '/import-templates', { role: 'manager', json: template({ name }) })).status).toBe(201);
    const taken = await call('POST', '/import-templates', {
      role: 'manager',
      json: template({ name: name.toUpperCase() }),
    });
    expect(taken.status).toBe(409);
    // Another name that makes the same drop folder (drop/weekly-<run>/) is refused by the folder's claim.
    const sameFolder = await call('POST', '/import-templates', {
      role: 'manager',
      json: template({ name: `  weekly-${run.toUpperCase()}!` }),
    });
    expect(sameFolder.status).toBe(409);
    expect(sameFolder.body.error.message).toBe(
      `The drop folder drop/weekly-${run}/ belongs to the template "${name}" already: choose a name that differs in more than case, spaces or punctuation.`,
    );
    expect((await everyItem<{ name: string }>('/import-templates', 'viewer')).map((t) => t.name)).not.toContain(
      `weekly-${run.toUpperCase()}!`,
    );
    const noChannel = await call('POST', '/import-templates', {
      role: 'manager',
      json: template({ name: `Broken ${run}`, columns: { Ref: { kind: 'field', field: 'external_id' } } }),
    });
    expect(noChannel.status).toBe(400);
    expect(noChannel.body.error.issues[0].message).toMatch(/no column is mapped to email, phone or landline/);
    expect(
      (await call('POST', '/import-templates', { role: 'staff', json: template({ name: `S ${run}` }) })).status,
    ).toBe(403);
  });
});
