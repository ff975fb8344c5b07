import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { targetName } from '../../../shared/imports/import-mapping';
import { combinationName, ENCODINGS, generatedContacts, LAYOUT_NAMES } from '../../support/generated-contacts';
import { call } from '../api-client';
import { analysed, createImport, importWhen, upload } from '../imports-client';

describe('uploading a contacts CSV', () => {
  it('hands out an import awaiting its file and a size-capped presigned POST', async () => {
    const created = await createImport('nightly.csv');
    expect(created.import).toMatchObject({ status: 'awaiting_upload', fileName: 'nightly.csv' });
    expect(created.upload.fields.key).toBe(`uploads/${created.import.id}.csv`);
    const policy = JSON.parse(Buffer.from(created.upload.fields.Policy as string, 'base64').toString('utf8'));
    expect(policy.conditions).toContainEqual(['content-length-range', 1, created.upload.maxBytes]);
  });

  it.each(LAYOUT_NAMES.flatMap((layout) => ENCODINGS.map((encoding) => ({ layout, encoding }))))(
    'analyses a $layout file in $encoding: encoding, delimiter, header, preview and mapping',
    async ({ layout, encoding }) => {
      const { csv, truth } = generatedContacts(combinationName('upload', layout, encoding));
      const created = await createImport();
      await upload(created, readFileSync(csv));
      const contactImport = await analysed(created.import.id);
      expect(contactImport.status).toBe('awaiting_mapping');
      const { analysis } = contactImport;
      expect(analysis).toMatchObject({ encoding, delimiter: truth.delimiter, header: truth.header });
      expect(analysis.sizeBytes).toBe(readFileSync(csv).length);
      expect(analysis.preview).toHaveLength(10);
      const suggested = Object.fromEntries(
        analysis.columns.map((column: { header: string; target: never }) => [column.header, targetName(column.target)]),
      );
      const expected = Object.fromEntries(
        Object.entries(truth.expected_mapping).map(([header, field]) => [header, field.split(' ')[0]]),
      );
      expect(suggested).toEqual(expected);
      expect(analysis.suggestedMapping.defaultCountry).toBe('GB');
    },
  );

  it.each([
    ['an image', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), 'not_csv', /PNG image/],
    ['a zip archive', Buffer.from('504b0304140000000800', 'hex'), 'not_csv', /ZIP archive/],
    ['binary data', Buffer.from([0x41, 0x00, 0x42, 0x0a]), 'not_csv', /binary/],
    ['a header-only file', Buffer.from('First Name,Email,Mobile\r\n'), 'no_records', /no records/],
    ['duplicate header names', Buffer.from('Email,Email\na@b.org,c@d.org\n'), 'bad_format', /names "Email" twice/],
  ])('fails the import for %s, with the reason', async (_what, bytes, code, message) => {
    const created = await createImport();
    await upload(created, bytes);
    const contactImport = await analysed(created.import.id);
    expect(contactImport.status).toBe('failed');
    expect(contactImport.failure.code).toBe(code);
    expect(contactImport.failure.message).toMatch(message);
    expect(contactImport.analysis).toBeUndefined();
  });

  it('takes a header that ends with a comma (Thunderbird), and a full name beside first and last names (Google)', async () => {
    const created = await createImport();
    await upload(
      created,
      Buffer.from('First Name,Last Name,Name,Email,\r\nAnn,Ní Bhriain,Ann Ní Bhriain,ann@example.org,\r\n'),
    );
    const contactImport = await analysed(created.import.id);
    expect(contactImport.status).toBe('awaiting_mapping');
    expect(contactImport.analysis.header).toEqual(['First Name', 'Last Name', 'Name', 'Email', '(column 5)']);
    expect(contactImport.analysis.suggestedMapping.columns).toEqual([
      { kind: 'field', field: 'first_name' },
      { kind: 'field', field: 'last_name' },
      { kind: 'attribute', key: 'displayName' },
      { kind: 'field', field: 'email' },
      { kind: 'ignore' },
    ]);
  });

  it('fails an empty file (S3 lets a presigned POST through at 0 bytes only if its policy allows it)', async () => {
    const created = await createImport();
    await upload(created, Buffer.alloc(0));
    const contactImport = await analysed(created.import.id);
    expect(contactImport.failure).toEqual({ code: 'empty', message: 'The file is empty.' });
  });

  it('lets a corrected file replace a failed one', async () => {
    const created = await createImport();
    await upload(created, Buffer.from('Email,Email\n'));
    expect((await analysed(created.import.id)).status).toBe('failed');
    await upload(created, Buffer.from('Email,Mobile\na@example.org,07123456789\n'));
    const corrected = await importWhen(
      created.import.id,
      'the corrected file analysed',
      (body) => body.status === 'awaiting_mapping',
    );
    expect(corrected.failure).toBeUndefined();
  });

  it('needs the manager role to start an import, and answers 404 for an unknown one', async () => {
    expect((await call('POST', '/imports', { role: 'staff', json: {} })).status).toBe(403);
    expect((await call('GET', '/imports/01a20dfa-b7e3-70c8-a0cc-8482037c18b8', { role: 'viewer' })).status).toBe(404);
  });
});
