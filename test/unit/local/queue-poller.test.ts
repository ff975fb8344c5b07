import '../../../local/concurrent-runtime';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { type FauxqsServer, startFauxqs } from 'fauxqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../local/free-port';
import { pollQueue } from '../../../local/queue-poller';
import { eventually } from '../../support/eventually';

/** The local event source against fauxqs itself: what Lambda's SQS event source does with a handler's answer. */
let server: FauxqsServer;
let sqs: SQSClient;
let counter = 0;

beforeAll(async () => {
  const port = await freePort();
  server = await startFauxqs({ port, host: 'localhost', logger: false, defaultRegion: 'eu-west-2' });
  sqs = new SQSClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'eu-west-2',
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    useQueueUrlAsEndpoint: false,
  });
});
afterAll(async () => {
  sqs.destroy();
  await server.stop();
});

function queueWith(bodies: string[], maxReceiveCount = 3) {
  const name = `poller-${++counter}`;
  const deadLetters = server.createQueue(`${name}-dlq`);
  const queue = server.createQueue(name, {
    attributes: {
      VisibilityTimeout: '1',
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: deadLetters.queueArn, maxReceiveCount }),
    },
  });
  const sent = sqs.send(
    new SendMessageBatchCommand({
      QueueUrl: queue.queueUrl,
      Entries: bodies.map((body, index) => ({ Id: String(index), MessageBody: body })),
    }),
  );
  const depth = (of = name) => {
    const inspected = server.inspectQueue(of);
    return (inspected?.messages.ready.length ?? 0) + (inspected?.messages.inflight.length ?? 0);
  };
  return { name, queue, sent, depth, deadLetters: () => depth(`${name}-dlq`) };
}

const poll = (
  queue: { queueUrl: string; queueArn: string },
  handler: (event: SQSEvent) => Promise<unknown>,
  options: { batchSize?: number; maxConcurrency?: number; timeoutMs?: number } = {},
) =>
  pollQueue(
    sqs,
    {
      name: 'test',
      queueUrl: queue.queueUrl,
      queueArn: queue.queueArn,
      batchSize: options.batchSize ?? 4,
      maxConcurrency: options.maxConcurrency ?? 2,
      timeoutMs: options.timeoutMs ?? 5000,
      handler: async () => handler as never,
    },
    () => undefined,
  );

describe('the local SQS event source', () => {
  it('keeps exactly the records a handler reports as failed, and deletes the rest', async () => {
    const { queue, sent, depth } = queueWith(['a', 'b', 'c']);
    await sent;
    const seen: string[] = [];
    let failedOnce = false;
    const stop = poll(queue, async (event) => {
      seen.push(...event.Records.map((record) => record.body));
      const b = event.Records.find((record) => record.body === 'b');
      if (b && !failedOnce) {
        failedOnce = true;
        return { batchItemFailures: [{ itemIdentifier: b.messageId }] };
      }
      return { batchItemFailures: [] };
    });
    await eventually(
      'the queue drained',
      async () => depth(),
      (left) => left === 0,
      30_000,
    );
    await stop();
    expect(seen.sort()).toEqual(['a', 'b', 'b', 'c']);
  });

  it('keeps the whole batch when the handler throws, or names a record not in the batch', async () => {
    for (const answer of ['throw', 'unknown'] as const) {
      const { queue, sent, depth } = queueWith(['x', 'y']);
      await sent;
      let attempts = 0;
      const stop = poll(
        queue,
        async (event) => {
          attempts += event.Records.length;
          if (attempts <= 2) {
            if (answer === 'throw') throw new Error('down');
            return { batchItemFailures: [{ itemIdentifier: 'not-in-this-batch' }] };
          }
          return {};
        },
        { batchSize: 2, maxConcurrency: 2 },
      );
      await eventually(
        'the queue drained',
        async () => depth(),
        (left) => left === 0,
        30_000,
      );
      await stop();
      expect(attempts, answer).toBe(4);
    }
  });

  it('runs at most maxConcurrency invocations at once, and moves a poisoned message to the dead-letter queue', async () => {
    const { queue, sent, depth, deadLetters } = queueWith(
      ['poison', ...Array.from({ length: 9 }, (_, i) => `m${i}`)],
      2,
    );
    await sent;
    let running = 0;
    let most = 0;
    const stop = poll(
      queue,
      async (event) => {
        running++;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 50));
        running--;
        const poison = event.Records.find((record) => record.body === 'poison');
        return { batchItemFailures: poison ? [{ itemIdentifier: poison.messageId }] : [] };
      },
      { batchSize: 1, maxConcurrency: 2 },
    );
    await eventually(
      'the poison in the dead-letter queue',
      async () => deadLetters(),
      (dead) => dead === 1,
      30_000,
    );
    await eventually(
      'the queue drained',
      async () => depth(),
      (left) => left === 0,
      30_000,
    );
    await stop();
    expect(most).toBe(2);
  });
});
