import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateQueueCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { v7 as uuidv7 } from 'uuid';
import { loadOrCreateSigningKey, mintToken } from '../local/local-auth';
import { startLocalStack } from '../local/stack';
import { localClient } from '../local/stand-ins/dynamodb-local';
import type { Contact } from '../shared/contacts/contact';
import { contactEntity } from '../shared/contacts/entities';
import { forEachConcurrently } from '../shared/core/concurrency';
import { type BenchResult, throughput } from './harness';

/** The SES stand-in's own store, in this process: read and emptied in one tick, so no message is missed. */
const sesStore = createRequire(import.meta.url)('aws-ses-v2-local/dist/store.js') as {
  getStoreReadonly(): { emails: { destination: { to: string[] } }[] };
  clearStore(): void;
};

/**
 * A campaign to `recipients` contacts through the local stack, the SES stand-in set to `rate` recipients a
 * second: the send rate achieved against that rate, every recipient counted in the outbox (none twice, none
 * missing), the time to enqueue the audience against raw SendMessageBatch of as many chunks, and the heap while
 * it sends. The outbox is tallied and emptied every second, so its messages do not count as the sender's memory.
 */
export async function benchCampaigns(options: { recipients: number; rate: number }): Promise<BenchResult[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'voxcitio-bench-'));
  const stack = await startLocalStack({
    port: 0,
    dataDir,
    inMemory: true,
    routeThrottling: false,
    ses: { maxSendRate: options.rate, max24HourSend: 10_000_000 },
  });
  const client = localClient(stack.environment.AWS_ENDPOINT_URL_DYNAMODB as string);
  const documents = DynamoDBDocumentClient.from(client);
  const sqs = new SQSClient({
    endpoint: stack.environment.AWS_ENDPOINT_URL_SQS as string,
    region: stack.environment.AWS_REGION as string,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    useQueueUrlAsEndpoint: false,
  });
  try {
    const headers = {
      authorization: `Bearer ${await mintToken(await loadOrCreateSigningKey(dataDir), { role: 'manager' })}`,
      'content-type': 'application/json',
    };
    const api = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${stack.apiUrl}${path}`, {
        method,
        headers,
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
      return response.json() as Promise<Record<string, never>>;
    };
    const addresses = await seedContacts(documents, stack.tableName, options.recipients);

    // Baseline: the chunks' messages straight onto a queue nobody consumes, ten to a call, eight calls in flight.
    const chunks = Math.ceil(options.recipients / 50);
    const { QueueUrl: queueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'bench-baseline' }));
    const body = JSON.stringify({ contactIds: Array.from({ length: 50 }, () => uuidv7()) });
    const started = performance.now();
    await throughput(Math.ceil(chunks / 10), 8, async () => {
      await sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: Array.from({ length: 10 }, (_, id) => ({ Id: String(id), MessageBody: body })),
        }),
      );
    });
    const rawEnqueueSeconds = (performance.now() - started) / 1000;

    const segment = await api('POST', '/segments', { name: 'Bench', filter: { tagsAny: ['bench'] } });
    // As a manager would, and as sending's quota check needs: the new segment's count has finished, so that
    // count (a read of every contact) is not measured as part of the send.
    await waitForSegmentCount(() => api('GET', `/segments/${segment.id}`) as unknown as Promise<{ counting: boolean }>);
    const campaign = await api('POST', '/campaigns', {
      name: 'Bench',
      channel: 'email',
      audience: { segmentId: segment.id },
      defaultLanguage: 'en',
      content: {
        en: {
          subject: 'News for {{firstName|you}}',
          html: '<p>Dear {{firstName}}</p><p><a href="{{unsubscribeUrl}}">Unsubscribe</a></p>',
          text: 'Dear {{firstName}}\nUnsubscribe: {{unsubscribeUrl}}',
        },
      },
    });
    sesStore.clearStore();
    const received = new Map<string, number>();
    const tally = () => {
      for (const email of sesStore.getStoreReadonly().emails)
        for (const to of email.destination.to) received.set(to, (received.get(to) ?? 0) + 1);
      sesStore.clearStore();
    };
    const heap: { sent: number; bytes: number }[] = [];
    const sendStarted = performance.now();
    await api('POST', `/campaigns/${campaign.id}/send`);
    let enqueuedSeconds: number | undefined;
    let firstAt: number | undefined;
    let lastAt = 0;
    let lastCount = 0;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      tally();
      const now = performance.now();
      if (firstAt === undefined && received.size > 0) firstAt = now;
      if (received.size > lastCount) {
        lastAt = now;
        lastCount = received.size;
      }
      // After a full collection when the process allows one (run.ts starts it with --expose-gc): live memory.
      (globalThis as { gc?: () => void }).gc?.();
      heap.push({ sent: received.size, bytes: process.memoryUsage().heapUsed });
      const state = (await api('GET', `/campaigns/${campaign.id}`)) as unknown as {
        status: string;
        audienceEnqueued: boolean;
      };
      if (enqueuedSeconds === undefined && state.audienceEnqueued) enqueuedSeconds = (now - sendStarted) / 1000;
      if (process.env.BENCH_TRACE && heap.length % 10 === 0)
        process.stderr.write(
          `${((now - sendStarted) / 1000).toFixed(0)} s: ${received.size} in the outbox${state.audienceEnqueued ? '' : ', audience still enqueuing'}\n`,
        );
      if (state.status === 'sent') break;
      if (now - sendStarted > (options.recipients / options.rate) * 3000 + 120_000)
        throw new Error(`the campaign did not finish: ${JSON.stringify(state)}`);
    }
    tally();
    const duplicates = [...received.values()].filter((count) => count > 1).length;
    const missing = addresses.filter((address) => !received.has(address)).length;
    // The rate over the steady part: from the first second with mail to the last.
    const steadySeconds = (lastAt - (firstAt ?? lastAt)) / 1000 || 1;
    const achieved = (received.size - (heap.find((sample) => sample.sent > 0)?.sent ?? 0)) / steadySeconds;
    const early = heap.find((sample) => sample.sent >= options.recipients * 0.2) ?? heap[0];
    const peakAfter = Math.max(...heap.filter((sample) => sample.sent >= (early?.sent ?? 0)).map((s) => s.bytes));
    return [
      {
        name: `send rate, ${options.recipients.toLocaleString('en-GB')} recipients`,
        value: achieved,
        baseline: options.rate,
        unit: 'recipients/s',
        higherIsBetter: true,
        note: `baseline: the SES stand-in's configured MaxSendRate. ${received.size.toLocaleString('en-GB')} messages in the outbox, ${duplicates} recipients with more than one, ${missing} with none.`,
      },
      {
        name: `enqueue the audience (${chunks.toLocaleString('en-GB')} chunks of 50)`,
        value: enqueuedSeconds ?? Number.NaN,
        baseline: rawEnqueueSeconds,
        unit: 's',
        higherIsBetter: false,
        note: 'baseline: SendMessageBatch of as many chunk-sized messages straight to a queue, 8 calls in flight. The audience job also reads the segment 500 contacts a page and records each page on the campaign; it runs while sending starts.',
      },
      {
        name: 'heap while sending: peak after 20% sent, against at 20% sent',
        value: peakAfter / 2 ** 20,
        baseline: (early?.bytes ?? 1) / 2 ** 20,
        unit: 'MiB',
        higherIsBetter: false,
        note: 'the whole local stack in one process (handlers, stand-ins); the outbox is emptied every second after counting.',
      },
    ];
  } finally {
    sqs.destroy();
    client.destroy();
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function waitForSegmentCount(read: () => Promise<{ counting: boolean }>) {
  for (let waited = 0; (await read()).counting; waited += 1) {
    if (waited > 600) throw new Error('the segment was not counted within 10 minutes');
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** Contacts written straight to the table (no claims: only sending is measured), tagged `bench`, with consent. */
async function seedContacts(documents: DynamoDBDocumentClient, tableName: string, count: number) {
  const at = new Date().toISOString();
  const contacts: Contact[] = Array.from({ length: count }, (_, index) => ({
    id: uuidv7(),
    firstName: `Person ${index}`,
    email: `person${index}@bench.example`,
    tags: ['bench'],
    attributes: {},
    consent: { email: { granted: true, source: 'bench', timestamp: at } },
    createdAt: at,
    updatedAt: at,
  }));
  const batches = Array.from({ length: Math.ceil(count / 25) }, (_, b) => contacts.slice(b * 25, (b + 1) * 25));
  await forEachConcurrently(batches, 8, async (batch) => {
    let requests = batch.map((contact) => ({ PutRequest: { Item: contactEntity.item(contact, { version: 1 }) } }));
    while (requests.length > 0) {
      const result = await documents.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
      requests = (result.UnprocessedItems?.[tableName] ?? []) as typeof requests;
    }
  });
  return contacts.map((contact) => contact.email as string);
}
