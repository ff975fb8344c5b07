import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Event } from 'aws-lambda';
import S3rver from 's3rver';
import { BUCKET_TRIGGERS, BUCKETS, TRIGGER_FAILURES } from '../../shared/core/files/buckets';
import { invokeAsynchronously } from '../async-invocation';
import { freePort } from '../free-port';
import { loadHandler } from '../handler-loader';
import type { StandIn } from './stand-in';

/** s3rver checks signatures against these credentials only. */
export const S3RVER_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' };

/**
 * s3rver with the declared buckets. Its object-created events reach the declared bucket triggers' handlers,
 * as S3 bucket notifications reach Lambda in AWS. Streamed uploads need the SDK's checksums off
 * (`WHEN_REQUIRED`), or s3rver stores the checksum framing inside the object.
 */
export function s3StandIn(log: (line: string) => void, retryDelaysMs?: readonly number[]): StandIn {
  return {
    name: 's3',
    async start({ dataDir }) {
      const directory = dataDir ? join(dataDir, 's3') : mkdtempSync(join(tmpdir(), 'voxcitio-s3-'));
      const port = await freePort();
      const server = new S3rver({
        address: '127.0.0.1',
        port,
        silent: true,
        directory,
        configureBuckets: Object.values(BUCKETS).map((bucket) => ({ name: bucket.logicalName })),
      });
      await server.run();
      const pending = new Set<Promise<void>>();
      server.on('event', (event: S3Event) => {
        const delivery = deliver(event, log, retryDelaysMs).finally(() => pending.delete(delivery));
        pending.add(delivery);
      });
      const endpoint = `http://127.0.0.1:${port}`;
      return {
        environment: {
          AWS_ENDPOINT_URL_S3: endpoint,
          S3_FORCE_PATH_STYLE: 'true',
          AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
          AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
        },
        description: `S3 (s3rver)    ${endpoint}   buckets ${Object.values(BUCKETS)
          .map((b) => b.logicalName)
          .join(', ')}`,
        stop: async () => {
          await Promise.allSettled([...pending]);
          await server.close();
          if (!dataDir) rmSync(directory, { recursive: true, force: true });
        },
      };
    },
  };
}

/**
 * s3rver's record as S3 itself sends it: S3 names the requester's IPv4 address (the functions read events
 * with Powertools Parser's S3Schema), where s3rver passes on the socket's address, IPv6 on a local socket.
 */
function asS3SendsIt(record: S3Event['Records'][number]): S3Event['Records'][number] {
  const address = record.requestParameters.sourceIPAddress;
  const ipv4 = /^(?:::ffff:)?(\d+\.\d+\.\d+\.\d+)$/.exec(address)?.[1] ?? '127.0.0.1';
  return { ...record, requestParameters: { sourceIPAddress: ipv4 } };
}

async function deliver(
  event: S3Event,
  log: (line: string) => void,
  retryDelaysMs: readonly number[] | undefined,
): Promise<void> {
  for (const received of event.Records) {
    const record = asS3SendsIt(received);
    if (!record.eventName.startsWith('ObjectCreated')) continue;
    const bucket = Object.entries(BUCKETS).find(([, declared]) => declared.logicalName === record.s3.bucket.name)?.[0];
    const triggers = BUCKET_TRIGGERS.filter(
      (trigger) => trigger.bucket === bucket && record.s3.object.key.startsWith(trigger.prefix),
    );
    for (const trigger of triggers) {
      const delivered = await invokeAsynchronously(
        { name: trigger.name, handler: await loadHandler(trigger.handler), timeoutMs: trigger.timeoutSeconds * 1000 },
        { Records: [record] },
        {
          name: TRIGGER_FAILURES.name,
          handler: await loadHandler(TRIGGER_FAILURES.handler),
          timeoutMs: TRIGGER_FAILURES.timeoutSeconds * 1000,
        },
        (line) => log(`S3 ${record.eventName} ${record.s3.object.key} -> ${line}`),
        retryDelaysMs,
      );
      if (delivered) log(`S3 ${record.eventName} ${record.s3.object.key} -> ${trigger.name}`);
    }
  }
}
