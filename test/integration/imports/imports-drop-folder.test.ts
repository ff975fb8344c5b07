import { PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { templateSlug } from '../../../shared/core/files/buckets';
import { eventually } from '../../support/eventually';
import { call, uniqueEmail, uniqueMobile } from '../api-client';
import { localBucket, localImportsService, localS3Client } from '../local-clients';

const s3 = localS3Client();

/** An S3 client with which every copy fails: an invocation that dies before it copies a dropped file. */
const failingCopy = new Proxy(s3, {
  get: (target, property, receiver) =>
    property === 'send'
      ? async (command: { constructor: { name: string } }) => {
          if (command.constructor.name === 'CopyObjectCommand') throw new Error('the invocation died');
          return target.send(command as never);
        }
      : Reflect.get(target, property, receiver),
});

const service = localImportsService;

const run = Date.now().toString(36);

/** What a CRM's nightly job does: put a file in the bucket, here under drop/<template>/. */
const drop = (key: string, csv: string) =>
  s3.send(new PutObjectCommand({ Bucket: localBucket(), Key: key, Body: Buffer.from(csv) }));

async function importOf(key: string, until: (status: string) => boolean) {
  const found = await eventually(
    `an import of the dropped file ${key} that has got there`,
    async () =>
      (await call('GET', '/imports?limit=50', { role: 'viewer' })).body.items.find(
        (item: any) => item.dropFolder?.key === key,
      ),
    (item) => item !== undefined && until(item.status),
  );
  return (await call('GET', `/imports/${found.id}`, { role: 'viewer' })).body;
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

  it('makes one import of an event delivered again, or retried after failing part-way', async () => {
    const key = `drop/${templateSlug(name)}/export-retried.csv`;
    // Dropping the file makes one import through the stack's own trigger; the event delivered below as
    // 'seq-1' (by this process) must make exactly one more, however often it comes.
    await drop(key, `${header.join(',')}\nR9,${uniqueEmail()},\n`);
    const own = await importOf(key, (status) => status === 'completed');
    // The first attempt dies after making the import, before copying the file to its upload key.
    await expect(service(failingCopy).importDropped(key, 'seq-1')).rejects.toThrow('the invocation died');
    const listed = async () =>
      (await call('GET', '/imports?limit=50', { role: 'viewer' })).body.items.filter(
        (item: any) => item.dropFolder?.key === key,
      );
    const first = (await listed()).find((item: any) => item.id !== own.id);
    expect(first).toMatchObject({ status: 'awaiting_upload' });
    // Lambda's retry goes on with that import; a late second delivery of the same event changes nothing.
    expect((await service(s3).importDropped(key, 'seq-1')).id).toBe(first.id);
    await eventually('both imports of the dropped file to complete', listed, (items) =>
      items.every((item: any) => item.status === 'completed'),
    );
    expect((await call('GET', `/imports/${first.id}`, { role: 'viewer' })).body).toMatchObject({
      status: 'completed',
      summary: { records: 1 },
    });
    expect((await service(s3).importDropped(key, 'seq-1')).id).toBe(first.id);
    expect((await listed()).map((item: any) => item.id).sort()).toEqual([own.id, first.id].sort());
    await call('POST', `/imports/${own.id}/undo`, { role: 'manager' });
    await call('POST', `/imports/${first.id}/undo`, { role: 'manager' });
  });

  it('makes one import when the same event is delivered twice at once', async () => {
    for (let round = 0; round < 5; round++) {
      const key = `drop/${templateSlug(name)}/twice-at-once-${round}.csv`;
      const deliveries = await Promise.allSettled([
        service(failingCopy).importDropped(key, 'seq-4'),
        service(failingCopy).importDropped(key, 'seq-4'),
      ]);
      // Both got as far as the copy (which fails here, to keep the file out of the stack's own path).
      expect(deliveries.map((delivery) => delivery.status === 'rejected' && String(delivery.reason))).toEqual([
        'Error: the invocation died',
        'Error: the invocation died',
      ]);
      const { body } = await call('GET', '/imports?limit=50', { role: 'viewer' });
      expect(body.items.filter((item: any) => item.dropFolder?.key === key)).toHaveLength(1);
    }
  });

  it('fails, visibly, the import of a dropped file that every attempt failed to take in', async () => {
    const key = `drop/${templateSlug(name)}/never-copied.csv`;
    await expect(service(failingCopy).importDropped(key, 'seq-2')).rejects.toThrow('the invocation died');
    // Lambda's on-failure destination, with the event's sequencer.
    const reason = '3 attempts, last error: the invocation died';
    expect(await service(s3).recordTriggerFailure(key, reason, 'seq-2')).toBe('failed');
    const contactImport = await importOf(key, (status) => status === 'failed');
    expect(contactImport.failure).toEqual({
      code: 'analysis_failed',
      message: `The dropped file could not be taken in (${reason}); put it in the folder again.`,
    });
    // Another put of the same key made no import to fail: only the log shows it.
    expect(await service(s3).recordTriggerFailure(key, reason, 'seq-3')).toBe('unknown');
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
