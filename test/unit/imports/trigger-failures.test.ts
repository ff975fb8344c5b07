import { describe, expect, it } from 'vitest';
import { failedInvocationSchema, whyItFailed } from '../../../functions/imports/record-trigger-failure';
import { dryRunJobKey, eventObjectKey, importJobKey, parseImportJobKey } from '../../../shared/core/files/buckets';
import { s3Notification } from '../../support/s3-events';

const id = '0190f0e2-7c1a-7def-8abc-0123456789ab';

describe('job object keys', () => {
  it('say which checkpoint’s job, or which dry run, they start', () => {
    expect(parseImportJobKey(importJobKey(id, 0))).toEqual({ importId: id, sequence: 0 });
    expect(parseImportJobKey(importJobKey(id, 12))).toEqual({ importId: id, sequence: 12 });
    const askedAt = '2026-11-24T22:45:39.123Z';
    expect(dryRunJobKey(id, askedAt)).toBe(`jobs/${id}/dry-run-${Date.parse(askedAt)}.json`);
    expect(parseImportJobKey(dryRunJobKey(id, askedAt))).toEqual({ importId: id, dryRunAskedAt: askedAt });
  });

  it('are read from an S3 event URL-encoded, with spaces as +', () => {
    expect(eventObjectKey({ key: 'drop/nightly-export/ward+list+%C3%A9t%C3%A9%2B1.csv' })).toBe(
      'drop/nightly-export/ward list été+1.csv',
    );
  });

  it('are not mistaken for other objects', () => {
    for (const key of [
      `uploads/${id}.csv`,
      `jobs/${id}/x.json`,
      `jobs/${id}/1.json.bak`,
      `jobs/not-an-id/1.json`,
      `jobs/${id}/dry-run-.json`,
      `drop/nightly/${id}.json`,
    ])
      expect(parseImportJobKey(key), key).toBeUndefined();
  });
});

describe('why an event failed every attempt, for staff', () => {
  const record = (requestContext: object, responsePayload?: object) =>
    failedInvocationSchema.parse({
      requestContext,
      requestPayload: s3Notification('jobs/x/0.json'),
      responsePayload,
    });

  it('is the last error with the attempts, when there was one', () => {
    const failed = record(
      { condition: 'RetriesExhausted', approximateInvokeCount: 3 },
      { errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out after 900.00 seconds' },
    );
    expect(whyItFailed(failed)).toBe('3 attempts, last error: Task timed out after 900.00 seconds');
  });

  it('is the wait, for an event Lambda dropped as too old', () => {
    expect(whyItFailed(record({ condition: 'EventAgeExceeded', approximateInvokeCount: 1 }, undefined))).toBe(
      'it waited too long to run',
    );
  });

  it('refuses a record that is not about a bucket event', () => {
    expect(failedInvocationSchema.safeParse({ requestContext: { condition: 'RetriesExhausted' } }).success).toBe(false);
    const notS3 = { ...s3Notification('jobs/x/0.json').Records[0], eventSource: 'aws:sqs' };
    expect(
      failedInvocationSchema.safeParse({
        requestContext: { condition: 'RetriesExhausted' },
        requestPayload: { Records: [notS3] },
      }).success,
    ).toBe(false);
  });
});
