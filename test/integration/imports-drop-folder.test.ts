import { PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { templateSlug } from '../../shared/files/buckets';
import { call, uniqueEmail, uniqueMobile } from './api-client';
import { localBucket, localS3Client } from './local-clients';

const s3 = localS3Client();

const run = Date.now().toString(36);

/** What a CRM's nightly job does: put a file in the bucket, here under drop/<template>/. */
const drop = (key: string, csv: string) =>
  s3.send(new PutObjectCommand({ Bucket: localBucket(), Key: key, Body: Buffer.from(csv) }));

async function importOf(key: string, until: (status: string) => boolean) {
  for (let attempt = 0; attempt < 150; attempt++) {
    const { body } = await call('GET', '/imports?limit=50', { role: 'viewer' });
    const found = body.items.find((item: any) => item.dropFolder?.key === key);
    if (found && until(found.status)) return (await call('GET', `/imports/${found.id}`, { role: 'viewer' })).body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no finished import for ${key}`);
}

describe('the drop folder', () => {
  const name = `Nightly Ward Export ${run}`;
  const header = [`Ref ${run}`, `Mail ${run}`, `Mobile ${run}`];

  it('imports a dropped file with the template its folder names, with no person in the loop', async () => {
    await call('POST', '/import-templates', {
      role: 'manager',
      json: {
        name,
        columns: {
          [header[0] as string]: { kind: 'field', field: 'external_id' },
          [header[1] as string]: { kind: 'field', field: 'email' },
          [header[2] as string]: { kind: 'field', field: 'phone' },
        },
        defaultCountry: 'GB',
        consentWords: { yes: ['yes'], no: ['no'] },
        tagSeparator: ';',
        mode: 'update',
        addTags: ['nightly'],
      },
    });
    const emails = [uniqueEmail(), uniqueEmail()];
    const key = `drop/${templateSlug(name)}/export-2026-11-24.csv`;
    await drop(key, `${header.join(',')}\nR1,${emails[0]},${uniqueMobile()}\nR2,${emails[1]},\nR3,not an email,\n`);
    const contactImport = await importOf(key, (status) => status === 'completed' || status === 'failed');
    expect(contactImport).toMatchObject({
      status: 'completed',
      createdBy: 'drop-folder',
      dropFolder: { template: name, key },
      settings: { mode: 'update', addTags: ['nightly'] },
      summary: { records: 3, created: 2, rejected: { no_valid_channel: 1 } },
    });
    const [contact] = (
      await call('GET', `/contacts?email=${encodeURIComponent(emails[0] as string)}`, { role: 'viewer' })
    ).body.items;
    expect(contact).toMatchObject({ externalId: 'R1', tags: ['nightly'], source: { importId: contactImport.id } });
    await call('POST', `/imports/${contactImport.id}/undo`, { role: 'manager' });
  });

  it('fails, visibly, a file whose columns are not the template’s, and a folder no template names', async () => {
    const mismatch = `drop/${templateSlug(name)}/wrong-columns.csv`;
    await drop(mismatch, `Email,Phone\n${uniqueEmail()},\n`);
    const wrong = await importOf(mismatch, (status) => status === 'failed');
    expect(wrong.failure).toMatchObject({
      code: 'template_mismatch',
      message: expect.stringContaining('Email, Phone'),
    });

    const unknown = `drop/no-such-template-${run}/file.csv`;
    await drop(unknown, `Email\n${uniqueEmail()}\n`);
    const missing = await importOf(unknown, (status) => status === 'failed');
    expect(missing.failure.code).toBe('template_missing');
  });
});
