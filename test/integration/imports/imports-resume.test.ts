import { readFileSync } from 'node:fs';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it, vi } from 'vitest';
import { ContactsRepository } from '../../../shared/contacts/contacts-repository';
import { dryRunJobKey, importJobKey, importUploadKey } from '../../../shared/core/files/buckets';
import { METRIC, MetricUnit, metrics } from '../../../shared/core/observability/metrics';
import { importEntity } from '../../../shared/imports/entities';
import { ImportJobRunner, JOB_ATTEMPTS } from '../../../shared/imports/import-job';
import { ImportsRepository } from '../../../shared/imports/imports-repository';
import { IMPORT_TEST_MS } from '../../support/eventually';
import { expectedImportSummary, generatedContacts } from '../../support/generated-contacts';
import { call } from '../api-client';
import { analysed, createImport, importFile, importWhen, upload, waitUntilCompleted } from '../imports-client';
import { localBucket, localDocumentClient, localImportsService, localS3Client, localTableName } from '../local-clients';

/** The job runner in this process, against the local stack's own DynamoDB Local and s3rver. */
const documents = localDocumentClient();
const s3 = localS3Client();
const imports = new ImportsRepository(documents, localTableName());
const contacts = new ContactsRepository(documents, localTableName());
const runner = (repository = contacts) =>
  new ImportJobRunner(imports, repository, s3, { bucket: localBucket(), batchRecords: 100, retentionDays: 30 });

const service = () => localImportsService(s3);

/** The contacts repository whose creates throw `message` once more than `people` people have been created. */
function contactsFailingAfter(people: number, message: string): ContactsRepository {
  let created = 0;
  return new Proxy(contacts, {
    get(target, property, receiver) {
      if (property === 'create' || property === 'createMany')
        return async (...args: [never]) => {
          created += property === 'create' ? 1 : (args[0] as unknown[]).length;
          if (created > people) throw new Error(message);
          return (target[property] as (...a: [never]) => Promise<void>)(...args);
        };
      return Reflect.get(target, property, receiver);
    },
  });
}

/** Makes the import look as if nothing had happened to it for `minutes` (its job lost in an outage). */
async function standStill(id: string, minutes: number) {
  await documents.send(
    new UpdateCommand({
      TableName: localTableName(),
      Key: importEntity.key(id),
      UpdateExpression: 'SET updatedAt = :then',
      ExpressionAttributeValues: { ':then': new Date(Date.now() - minutes * 60_000).toISOString() },
    }),
  );
}

/** An import with its mapping set and marked importing, without dispatching its first job. */
async function preparedImport(bytes: Uint8Array) {
  const created = await createImport();
  await upload(created, bytes);
  const contactImport = await analysed(created.import.id);
  await call('PUT', `/imports/${contactImport.id}/mapping`, {
    role: 'manager',
    json: { mapping: contactImport.analysis.suggestedMapping, mode: 'create', consentSource: 'resume test' },
  });
  expect(await imports.start(contactImport.id, new Date().toISOString())).toBe(true);
  return contactImport.id as string;
}

describe('long and interrupted imports', { timeout: IMPORT_TEST_MS }, () => {
  it('continue in a new invocation when time runs short, and end with the same totals', async () => {
    const { csv, truth } = generatedContacts('resume-continue');
    const id = await preparedImport(readFileSync(csv));
    // After the first batch this invocation says it is nearly out of time.
    const recorded = vi.spyOn(metrics, 'addMetric');
    expect(await runner().run(id, 0, () => 0)).toBe('continued');
    const checkpoint = (await imports.get(id))?.checkpoint;
    expect(checkpoint).toMatchObject({ sequence: 1, record: 100 });
    // Its metrics: the records this invocation read, how many it rejected, and its rate.
    const byName = Object.fromEntries(recorded.mock.calls.map(([name, unit, value]) => [name, { unit, value }]));
    recorded.mockRestore();
    expect(byName).toMatchObject({
      [METRIC.importRows]: { unit: MetricUnit.Count, value: 100 },
      [METRIC.importRejectedRows]: { unit: MetricUnit.Count, value: expect.any(Number) },
      [METRIC.importRowsPerSecond]: { unit: MetricUnit.CountPerSecond, value: expect.any(Number) },
    });
    expect(byName[METRIC.importRowsPerSecond]?.value).toBeGreaterThan(0);
    // The next job object it wrote is picked up by the stack's own trigger, which finishes the import.
    const done = await waitUntilCompleted(id);
    expect(done.summary).toEqual(expectedImportSummary(truth));
    await call('POST', `/imports/${id}/undo`, { role: 'manager' });
  });

  it('resume after a crash mid-batch from the last checkpoint, creating nothing twice and losing nothing', async () => {
    const { csv, truth } = generatedContacts('resume-crash');
    const id = await preparedImport(readFileSync(csv));
    // The invocation dies once 250 people have been created, one at a time or 33 to a transaction.
    const crashing = contactsFailingAfter(250, 'the invocation died');
    await expect(runner(crashing).run(id, 0, () => 900_000)).rejects.toThrow('the invocation died');
    const checkpoint = (await imports.get(id))?.checkpoint;
    expect(checkpoint?.record).toBeGreaterThan(0);
    expect(checkpoint?.record).toBeLessThan(truth.records);
    // S3 delivers the same job again (Lambda's retry): it resumes from the checkpoint.
    expect(await runner().run(id, 0, () => 900_000)).toBe('completed');
    const done = await waitUntilCompleted(id);
    expect(done.summary).toEqual(expectedImportSummary(truth));
    const undone = await call('POST', `/imports/${id}/undo`, { role: 'manager' });
    expect(undone.body.undoneContacts).toBe(truth.unique_contacts);
  });

  it('fails an import whose job fails on every attempt from the same checkpoint, keeping it undoable', async () => {
    const { csv } = generatedContacts('resume-fail');
    const id = await preparedImport(readFileSync(csv));
    // Writes stop working once 150 people exist (a bug, or a table that refuses every write).
    const broken = contactsFailingAfter(150, 'the table refuses writes');
    // Lambda's first two attempts throw, for Lambda to retry (the second makes no progress: a failure counts
    // against the checkpoint it reached); the third fails the import.
    for (let attempt = 1; attempt < JOB_ATTEMPTS; attempt++) {
      await expect(runner(broken).run(id, 0, () => 900_000)).rejects.toThrow('the table refuses writes');
      expect((await imports.get(id))?.status).toBe('importing');
    }
    expect(await runner(broken).run(id, 0, () => 900_000)).toBe('failed');
    const { body } = await call('GET', `/imports/${id}`, { role: 'viewer' });
    expect(body).toMatchObject({ status: 'failed', failure: { code: 'job_failed' } });
    expect(body.failure.message).toMatch(/stopped after 3 failed attempts from record \d+: the table refuses writes/);
    expect(body.summary.records).toBeGreaterThan(0);
    // A late retry of the same job changes nothing; what it created can be undone.
    expect(await runner().run(id, 0, () => 900_000)).toBe('ignored');
    const undone = await call('POST', `/imports/${id}/undo`, { role: 'manager' });
    expect(undone.body).toMatchObject({ status: 'undone' });
    expect((await contacts.listCreatedBy(id)).contacts).toEqual([]);
  });

  it('resumes an import whose job was lost, found by the periodic check, from its checkpoint', async () => {
    const { csv, truth } = generatedContacts('resume-stalled');
    const id = await preparedImport(readFileSync(csv));
    // The first invocation got to a checkpoint, then its job was lost: every later attempt met a database
    // outage, and so did the failure recorder. Nothing will come for it by itself.
    expect(
      await runner(contactsFailingAfter(150, 'database down'))
        .run(id, 0, () => 900_000)
        .catch(() => 'threw'),
    ).toBe('threw');
    await standStill(id, 30);
    // The stack runs the check every second in tests (every five minutes in AWS).
    const done = await waitUntilCompleted(id);
    expect(done.summary).toEqual(expectedImportSummary(truth));
    await call('POST', `/imports/${id}/undo`, { role: 'manager' });
  });

  it('lets a manager resume an import that stands still, or whose job gave up, and refuses one that moves', async () => {
    const { csv, truth } = generatedContacts('resume-staff');
    const id = await preparedImport(readFileSync(csv));
    expect((await call('POST', `/imports/${id}/resume`, { role: 'staff' })).status).toBe(403);
    const moving = await call('POST', `/imports/${id}/resume`, { role: 'manager' });
    expect(moving.status).toBe(409);
    expect(moving.body.error.message).toMatch(/is making progress/);

    // Its job gave up after three attempts in an outage: failed, but resumable from where it got to.
    const broken = contactsFailingAfter(150, 'database down');
    for (let attempt = 1; attempt <= JOB_ATTEMPTS; attempt++)
      await runner(broken)
        .run(id, 0, () => 900_000)
        .catch(() => undefined);
    expect(await imports.get(id)).toMatchObject({ status: 'failed', failure: { code: 'job_failed' } });
    const resumed = await call('POST', `/imports/${id}/resume`, { role: 'manager' });
    expect(resumed.status).toBe(202);
    expect(resumed.body.status).toBe('importing');
    const done = await waitUntilCompleted(id);
    expect(done.summary).toEqual(expectedImportSummary(truth));
    expect((await call('POST', `/imports/${id}/resume`, { role: 'manager' })).status).toBe(409);
    await call('POST', `/imports/${id}/undo`, { role: 'manager' });

    // Standing still for two minutes is enough for a manager to resume it by hand.
    const { csv: otherCsv, truth: otherTruth } = generatedContacts('resume-staff-still');
    const still = await preparedImport(readFileSync(otherCsv));
    await standStill(still, 3);
    expect((await call('POST', `/imports/${still}/resume`, { role: 'manager' })).status).toBe(202);
    expect((await waitUntilCompleted(still)).summary).toEqual(expectedImportSummary(otherTruth));
    await call('POST', `/imports/${still}/undo`, { role: 'manager' });
  });

  it('fails an import whose job never finishes an attempt, when Lambda gives up on its event', async () => {
    const { csv } = generatedContacts('resume-never-finishes');
    const id = await preparedImport(readFileSync(csv));
    // The first attempt gets part-way; the later ones are killed (for time or memory) before they can count
    // their failures, so the import is still importing when Lambda gives up on the event.
    const killed = contactsFailingAfter(100, 'killed');
    await expect(runner(killed).run(id, 0, () => 900_000)).rejects.toThrow('killed');
    const checkpoint = (await imports.get(id))?.checkpoint;
    expect(checkpoint?.record).toBeGreaterThan(0);
    // Lambda's on-failure destination, after the last attempt.
    const reason = '3 attempts, last error: Task timed out after 900.00 seconds';
    expect(await service().recordTriggerFailure(importJobKey(id, 0), reason)).toBe('failed');
    const { body } = await call('GET', `/imports/${id}`, { role: 'viewer' });
    expect(body).toMatchObject({ status: 'failed', failure: { code: 'job_failed' } });
    expect(body.failure.message).toBe(
      `The import stopped after record ${checkpoint?.record}: its job did not finish on any attempt (${reason}).`,
    );
    expect(body.summary).toEqual(checkpoint?.summary);
    // A late record of the same failure, or of an older job, changes nothing; what it created can be undone.
    expect(await service().recordTriggerFailure(importJobKey(id, 0), reason)).toBe('ignored');
    const undone = await call('POST', `/imports/${id}/undo`, { role: 'manager' });
    expect(undone.body).toMatchObject({ status: 'undone' });
  });

  it('the local runner gives up on a job after three attempts and the import shows it failed', async () => {
    const { csv } = generatedContacts('resume-given-up');
    const id = await preparedImport(readFileSync(csv));
    // A job object the function cannot read fails each attempt before the job starts, so nothing else counts it.
    await s3.send(new PutObjectCommand({ Bucket: localBucket(), Key: importJobKey(id, 0), Body: 'not json' }));
    const body = await importWhen(id, 'failed', (body) => body.status === 'failed');
    expect(body).toMatchObject({ status: 'failed', failure: { code: 'job_failed' } });
    expect(body.failure?.message).toMatch(
      /^The import stopped after record 0: its job did not finish on any attempt \(3 attempts, last error: .*JSON/,
    );
  });

  it('fails a dry run, or an analysis, whose event Lambda gave up on', async () => {
    const { csv } = generatedContacts('resume-dry-run-given-up');
    const created = await createImport();
    // Never uploaded through the presigned POST: the analysis of its upload is what failed.
    const reason = '3 attempts, last error: Runtime exited with error: signal: killed';
    expect(await service().recordTriggerFailure(importUploadKey(created.import.id), reason)).toBe('failed');
    const failedAnalysis = (await call('GET', `/imports/${created.import.id}`, { role: 'viewer' })).body;
    expect(failedAnalysis).toMatchObject({ status: 'failed', failure: { code: 'analysis_failed' } });
    expect(failedAnalysis.failure.message).toContain(reason);

    const other = await createImport();
    await upload(other, readFileSync(csv));
    const contactImport = await analysed(other.import.id);
    const askedAt = new Date().toISOString();
    expect(await imports.recordDryRun(contactImport.id, { status: 'running', at: askedAt })).toBe(true);
    // Only the dry run that failed is marked: not one asked for at another time.
    expect(
      await service().recordTriggerFailure(dryRunJobKey(contactImport.id, '2020-01-01T00:00:00.000Z'), reason),
    ).toBe('ignored');
    expect(await service().recordTriggerFailure(dryRunJobKey(contactImport.id, askedAt), reason)).toBe('failed');
    const { body } = await call('GET', `/imports/${contactImport.id}`, { role: 'viewer' });
    expect(body).toMatchObject({ status: 'awaiting_mapping', dryRun: { status: 'failed' } });
    expect(body.dryRun.failure).toBe(`The dry run stopped without finishing (${reason}); try it again.`);
  });

  it('undoes a large import over several calls when time runs short, counting every contact once', async () => {
    const { csv, truth } = generatedContacts('resume-undo');
    const done = await importFile(readFileSync(csv));
    // Time runs short after each page of 100 contacts.
    const first = await service().undo(done.id, { timeIsShort: () => true });
    expect(first.complete).toBe(false);
    expect(first.contactImport).toMatchObject({ status: 'completed', undoneContacts: 100 });
    const rest = await call('POST', `/imports/${done.id}/undo`, { role: 'manager' });
    expect(rest.status).toBe(200);
    expect(rest.body).toMatchObject({ status: 'undone', undoneContacts: truth.unique_contacts });
    expect((await contacts.listCreatedBy(done.id)).contacts).toEqual([]);
  });

  it('ignores a job that is not the import’s current one (a duplicate event)', async () => {
    const { csv } = generatedContacts('resume-duplicate-job');
    const id = await preparedImport(readFileSync(csv));
    expect(await runner().run(id, 7, () => 900_000)).toBe('ignored');
    expect(await runner().run(id, 0, () => 900_000)).toBe('completed');
    expect(await runner().run(id, 0, () => 900_000)).toBe('ignored');
    await call('POST', `/imports/${id}/undo`, { role: 'manager' });
  });

  it('two overlapping imports of the same file at once create every person once', async () => {
    const { csv, truth } = generatedContacts('resume-overlapping');
    expect(truth.sample.length).toBeGreaterThan(5);
    const bytes = readFileSync(csv);
    const [a, b] = await Promise.all([importFile(bytes), importFile(bytes)]);
    expect(a.summary.created + b.summary.created).toBe(truth.unique_contacts);
    expect(a.summary.records).toBe(truth.records);
    expect(b.summary.records).toBe(truth.records);
    for (const expected of truth.sample) {
      const query = expected.email
        ? `email=${encodeURIComponent(expected.email)}`
        : `phone=${encodeURIComponent(expected.phone)}`;
      expect((await call('GET', `/contacts?${query}`, { role: 'viewer' })).body.items).toHaveLength(1);
    }
    await call('POST', `/imports/${a.id}/undo`, { role: 'manager' });
    await call('POST', `/imports/${b.id}/undo`, { role: 'manager' });
  });
});
