import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatedContacts } from '../../support/generated-contacts';
import { call } from '../api-client';
import { analysed, createImport, upload } from '../imports-client';

async function analysedImport() {
  const { csv } = generatedContacts('mapping');
  const created = await createImport();
  await upload(created, readFileSync(csv));
  return analysed(created.import.id);
}

const settingsFor = (contactImport: any, overrides: Record<string, unknown> = {}) => ({
  mapping: contactImport.analysis.suggestedMapping,
  mode: 'fill',
  addTags: ['Spring 2026 ', 'spring 2026'],
  consentSource: 'council export 2026-11',
  ...overrides,
});

describe('PUT /imports/{id}/mapping', () => {
  it('stores a mapping that works, with mode, tags to add and consent source', async () => {
    const contactImport = await analysedImport();
    const response = await call('PUT', `/imports/${contactImport.id}/mapping`, {
      role: 'manager',
      json: settingsFor(contactImport),
    });
    expect(response.status).toBe(200);
    expect(response.body.settings).toMatchObject({
      mode: 'fill',
      addTags: ['spring 2026'],
      consentSource: 'council export 2026-11',
    });
    const read = await call('GET', `/imports/${contactImport.id}`, { role: 'viewer' });
    expect(read.body.settings).toEqual(response.body.settings);
  });

  it('refuses a mapping with no email or phone column, or two columns on one field, with the reasons', async () => {
    const contactImport = await analysedImport();
    const columns = [...contactImport.analysis.suggestedMapping.columns];
    const ignoreChannels = columns.map((target: any) =>
      target.kind === 'field' && ['email', 'phone'].includes(target.field) ? { kind: 'ignore' } : target,
    );
    const noChannel = await call('PUT', `/imports/${contactImport.id}/mapping`, {
      role: 'manager',
      json: settingsFor(contactImport, {
        mapping: { ...contactImport.analysis.suggestedMapping, columns: ignoreChannels },
      }),
    });
    expect(noChannel.status).toBe(400);
    expect(noChannel.body.error.issues).toEqual([
      {
        path: 'body.mapping.columns',
        message: 'no column is mapped to email, phone or landline, so no contact could be reached',
      },
    ]);

    const twice = [...columns];
    twice[1] = { kind: 'field', field: 'first_name' };
    const clash = await call('PUT', `/imports/${contactImport.id}/mapping`, {
      role: 'manager',
      json: settingsFor(contactImport, { mapping: { ...contactImport.analysis.suggestedMapping, columns: twice } }),
    });
    expect(clash.status).toBe(400);
    expect(clash.body.error.issues[0].message).toBe(
      '"surname" and "forename" both map to first_name; it takes one column',
    );
  });

  it('refuses unknown fields, a wrong column count and a bad mode', async () => {
    const contactImport = await analysedImport();
    const columns = contactImport.analysis.suggestedMapping.columns;
    const response = await call('PUT', `/imports/${contactImport.id}/mapping`, {
      role: 'manager',
      json: settingsFor(contactImport, {
        mode: 'merge',
        mapping: {
          ...contactImport.analysis.suggestedMapping,
          columns: [{ kind: 'field', field: 'shoe_size' }, ...columns.slice(1)],
        },
      }),
    });
    expect(response.status).toBe(400);
    const paths = response.body.error.issues.map((issue: { path: string }) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['body.mode', 'body.mapping.columns.0.field']));
    const short = await call('PUT', `/imports/${contactImport.id}/mapping`, {
      role: 'manager',
      json: settingsFor(contactImport, {
        mapping: { ...contactImport.analysis.suggestedMapping, columns: columns.slice(1) },
      }),
    });
    expect(short.status).toBe(400);
    expect(short.body.error.issues[0].message).toMatch(/one target per column/);
  });

  it('is a conflict before the file is analysed, and needs the manager role', async () => {
    const created = await createImport();
    const early = await call('PUT', `/imports/${created.import.id}/mapping`, {
      role: 'manager',
      json: {
        mapping: {
          columns: [{ kind: 'ignore' }],
          defaultCountry: 'GB',
          consentWords: { yes: [], no: [] },
          tagSeparator: ',',
        },
        mode: 'create',
        consentSource: 'x',
      },
    });
    expect(early.status).toBe(409);
    expect(early.body.error.status).toBe('awaiting_upload');
    const contactImport = await analysedImport();
    const staff = await call('PUT', `/imports/${contactImport.id}/mapping`, {
      role: 'staff',
      json: settingsFor(contactImport),
    });
    expect(staff.status).toBe(403);
  });
});
