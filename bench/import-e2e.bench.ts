import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, openAsBlob, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AttributeValue, BatchWriteItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { loadOrCreateSigningKey, mintToken } from '../local/local-auth';
import { startLocalStack } from '../local/stack';
import { localClient } from '../local/stand-ins/dynamodb-local';
import type { ContactImport } from '../shared/domain/contact-import';
import { type BenchResult, throughput } from './harness';

const GENERATOR = join(import.meta.dirname, '..', '..', 'shared', 'tools', 'gen-contacts.mjs');

/**
 * A whole import through the local stack (upload to s3rver, analysis, mapping, the import job writing
 * through transactions into DynamoDB Local), in records per second from start to completion, against raw
 * BatchWriteItem of as many contact-sized items into the same DynamoDB Local in the same run.
 */
export async function benchImportEndToEnd(options: { rows: number }): Promise<BenchResult[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'voxcitio-bench-import-'));
  const workDir = join(import.meta.dirname, '..', '.bench-tmp');
  mkdirSync(workDir, { recursive: true });
  const file = join(workDir, `crm-e2e-${options.rows}.csv`);
  execFileSync(process.execPath, [
    GENERATOR,
    '--rows',
    String(options.rows),
    '--seed',
    '17',
    '--variant',
    'crm',
    '--out',
    file,
    // Without a truth file the generator prints its truth into the benchmark's output.
    '--truth',
    `${file}.truth.json`,
  ]);
  const stack = await startLocalStack({ port: 0, dataDir, inMemory: true });
  try {
    const token = await mintToken(await loadOrCreateSigningKey(dataDir), { role: 'manager' });
    const call = async <T = ContactImport>(method: string, path: string, body?: unknown): Promise<T> => {
      const response = await fetch(`${stack.apiUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      return (await response.json()) as T;
    };
    const waitFor = async (id: string, done: (i: ContactImport) => boolean) => {
      for (;;) {
        const contactImport = await call('GET', `/imports/${id}`);
        if (done(contactImport)) return contactImport;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    };

    const created = await call<{ import: ContactImport; upload: { url: string; fields: Record<string, string> } }>(
      'POST',
      '/imports',
      { fileName: 'bench.csv' },
    );
    const form = new FormData();
    for (const [name, value] of Object.entries(created.upload.fields as Record<string, string>))
      form.append(name, value);
    form.append('file', await openAsBlob(file));
    await fetch(created.upload.url, { method: 'POST', body: form });
    const analysed = await waitFor(created.import.id, (i) => i.status !== 'awaiting_upload');
    await call('PUT', `/imports/${created.import.id}/mapping`, {
      mapping: analysed.analysis?.suggestedMapping,
      mode: 'create',
      consentSource: 'bench',
    });
    const started = performance.now();
    await call('POST', `/imports/${created.import.id}/start`);
    const done = await waitFor(created.import.id, (i) => i.status !== 'importing');
    const seconds = (performance.now() - started) / 1000;
    if (done.status !== 'completed') throw new Error(`the benchmark import ended ${done.status}`);

    // The baseline: as many items as records, of a contact's size, 25 per BatchWriteItem, 8 in flight.
    const client = localClient(stack.environment.AWS_ENDPOINT_URL_DYNAMODB as string);
    const item = (i: number) => ({
      pk: { S: `RAW#${i}` },
      sk: { S: 'CONTACT' },
      body: {
        S: JSON.stringify({
          firstName: 'Bench',
          email: `raw.${i}@example.org`,
          phone: '+447100000000',
          tags: ['parks'],
        }),
      },
    });
    const batches = Math.ceil(options.rows / 25);
    const batchesPerSecond = await throughput(batches, 8, async (b) => {
      let requests = Array.from({ length: 25 }, (_, k) => ({ PutRequest: { Item: item(b * 25 + k) } }));
      while (requests.length > 0) {
        const result = await client.send(new BatchWriteItemCommand({ RequestItems: { [stack.tableName]: requests } }));
        requests = (result.UnprocessedItems?.[stack.tableName] ?? []) as typeof requests;
      }
    });

    // A second baseline: the very items the import wrote (contacts with their index attributes, and claims),
    // written again under other keys by raw BatchWriteItem. It prices the data model apart from the import.
    const written: Record<string, AttributeValue>[] = [];
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const page = await client.send(new ScanCommand({ TableName: stack.tableName, ExclusiveStartKey: startKey }));
      for (const item of page.Items ?? [])
        if (item.entity?.S === 'contact' || item.entity?.S === 'contactClaim') written.push(item);
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    const sameItemsPerSecond = await throughput(Math.ceil(written.length / 25), 8, async (b) => {
      let requests = written
        .slice(b * 25, (b + 1) * 25)
        .map((item) => ({ PutRequest: { Item: { ...item, pk: { S: `RAW#${item.pk?.S}` } } } }));
      while (requests.length > 0) {
        const result = await client.send(new BatchWriteItemCommand({ RequestItems: { [stack.tableName]: requests } }));
        requests = (result.UnprocessedItems?.[stack.tableName] ?? []) as typeof requests;
      }
    });
    client.destroy();
    const records = done.summary?.records ?? 0;
    return [
      {
        name: `import end to end into DynamoDB Local (${options.rows.toLocaleString('en-GB')} rows)`,
        value: records / seconds,
        baseline: batchesPerSecond * 25,
        unit: 'rows/s',
        higherIsBetter: true,
        note: 'baseline: raw BatchWriteItem of as many contact-sized items (25 per request, 8 in flight). The import writes a transaction of up to three items (contact, email claim, phone claim) per new person. Target: at least 0.8×.',
      },
      {
        name: `import end to end vs raw BatchWriteItem of the items it wrote (${options.rows.toLocaleString('en-GB')} rows)`,
        value: records / seconds,
        baseline: records / (written.length / 25 / sameItemsPerSecond),
        unit: 'rows/s',
        higherIsBetter: true,
        note: `baseline: the ${written.length.toLocaleString('en-GB')} contact and claim items the import wrote, written again under other keys by raw BatchWriteItem (25 per request, 8 in flight), in records per second: what the data model costs this stand-in before any import work.`,
      },
    ];
  } finally {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
