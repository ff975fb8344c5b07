import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { MultipartWriter, PART_BYTES } from '../../../shared/core/files/multipart-writer';

const s3 = new S3Client({ region: 'eu-west-2' });
const s3Mock = mockClient(s3);
const target = { Bucket: 'files', Key: 'reports/x/rejected.csv' };

describe('writing an object a part at a time', () => {
  beforeEach(() => {
    s3Mock.reset();
    s3Mock.on(CreateMultipartUploadCommand).resolves({ UploadId: 'upload-1' });
    let part = 0;
    s3Mock.on(UploadPartCommand).callsFake(async () => ({ ETag: `"etag-${++part}"` }));
    s3Mock.on(CompleteMultipartUploadCommand).resolves({});
  });

  it('uploads full parts as it goes and the rest at the end, holding at most a part', async () => {
    const writer = await MultipartWriter.start(s3, target, 'text/csv');
    const line = `${'x'.repeat(1023)}\n`;
    const lines = Math.ceil((2.5 * PART_BYTES) / line.length);
    for (let i = 0; i < lines; i++) await writer.write(line);
    await writer.complete();
    const parts = s3Mock.commandCalls(UploadPartCommand).map((call) => call.args[0].input);
    expect(parts.map((part) => part.PartNumber)).toEqual([1, 2, 3]);
    const sizes = parts.map((part) => (part.Body as Buffer).length);
    expect(sizes[0]).toBeGreaterThanOrEqual(PART_BYTES);
    expect(sizes[0]).toBeLessThan(PART_BYTES + line.length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(lines * line.length);
    expect(s3Mock.commandCalls(CompleteMultipartUploadCommand)[0]?.args[0].input).toMatchObject({
      ...target,
      UploadId: 'upload-1',
      MultipartUpload: {
        Parts: [
          { PartNumber: 1, ETag: '"etag-1"' },
          { PartNumber: 2, ETag: '"etag-2"' },
          { PartNumber: 3, ETag: '"etag-3"' },
        ],
      },
    });
  });

  it('writes a small object as one part', async () => {
    const writer = await MultipartWriter.start(s3, target, 'text/csv');
    await writer.write('record,line,reason\r\n');
    await writer.complete();
    expect(s3Mock.commandCalls(UploadPartCommand)).toHaveLength(1);
  });

  it('can abort, leaving nothing under the key', async () => {
    s3Mock.on(AbortMultipartUploadCommand).resolves({});
    const writer = await MultipartWriter.start(s3, target, 'text/csv');
    await writer.write('partial');
    await writer.abort();
    expect(s3Mock.commandCalls(AbortMultipartUploadCommand)[0]?.args[0].input).toEqual({
      ...target,
      UploadId: 'upload-1',
    });
    expect(s3Mock.commandCalls(CompleteMultipartUploadCommand)).toHaveLength(0);
  });
});
