import { mkdtempSync, openAsBlob, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AttributeValue,
  BatchWriteItemCommand,
  type DynamoDBClient,
  ScanCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { loadOrCreateSigningKey, mintToken } from '../local/local-auth';
import { startLocalStack } from '../local/stack';
import { ensureTable, localClient } from '../local/stand-ins/dynamodb-local';
import { PEOPLE_PER_TRANSACTION } from '../shared/contacts/contacts-repository';
import type { ContactImport } from '../shared/imports/contact-import';
import { WRITE_CONCURRENCY } from '../shared/imports/import-job';
import { generateContactFile } from '../tools/contact-files/generate.ts';
import { type BenchResult, throughput } from './harness';

/** How long the benchmark waits for the import to be analysed, and then to finish. */
const WAIT_LIMIT_MS = 30 * 60_000;

/**
 * A whole import through the local stack (upload to s3rver, analysis, mapping, the import job writing
 * through transactions into DynamoDB Local), in records per second from start to completion, against what
 * the same DynamoDB Local does in the same run with the writes that hold uniqueness: raw TransactWriteItems
 * of the very items the import wrote (each contact with its claims, 33 people a transaction, as many in
 * flight as the import job). Two raw BatchWriteItem figures stand beside it for reference.
 */
export async function benchImportEndToEnd(options: { rows: number }): Promise<BenchResult[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'voxcitio-bench-import-'));
  const file = join(dataDir, `crm-e2e-${options.rows}.csv`);
  await generateContactFile({ rows: options.rows, seed: 17, layout: 'crm', encoding: 'utf8' }, { csv: file });
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
      const deadline = Date.now() + WAIT_LIMIT_MS;
      while (Date.now() < deadline) {
        const contactImport = await call('GET', `/imports/${id}`);
        if (done(contactImport)) return contactImport;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error(`import ${id} did not get there within ${WAIT_LIMIT_MS / 60_000} minutes`);
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

    const endpoint = stack.environment.AWS_ENDPOINT_URL_DYNAMODB as string;
    const client = localClient(endpoint);
    const written = await itemsTheImportWrote(client, stack.tableName);
    // Each baseline writes into an empty table of its own, as the import started from one.
    const emptyTable = async (name: string) => {
      const tableName = `${stack.tableName}-${name}`;
      await ensureTable(endpoint, tableName);
      return tableName;
    };

    // The baseline: each contact with its claims, on the import's conditions, 33 people a transaction.
    const people = peopleOf(written);
    const transactions = Array.from({ length: Math.ceil(people.length / PEOPLE_PER_TRANSACTION) }, (_, t) =>
      people.slice(t * PEOPLE_PER_TRANSACTION, (t + 1) * PEOPLE_PER_TRANSACTION).flat(),
    );
    const transactionTable = await emptyTable('baseline-transactions');
    const transactionsPerSecond = await throughput(transactions.length, WRITE_CONCURRENCY, async (t) => {
      const items = (transactions[t] ?? []).map((Item) => ({
        Put: { TableName: transactionTable, Item, ConditionExpression: 'attribute_not_exists(pk)' },
      }));
      await client.send(new TransactWriteItemsCommand({ TransactItems: items }));
    });

    // For reference: the same items by raw, unconditional BatchWriteItem (what the data model costs this
    // stand-in before any uniqueness), and as many small contact-sized items as records.
    const sameItemsPerSecond = await batchWrite(client, await emptyTable('baseline-items'), written);
    const smallItemsPerSecond = await batchWrite(
      client,
      await emptyTable('baseline-small-items'),
      Array.from({ length: options.rows }, (_, i) => ({
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
      })),
    );
    client.destroy();
    const records = done.summary?.records ?? 0;
    const rows = options.rows.toLocaleString('en-GB');
    const recordsPerSecond = (itemsPerSecond: number, items: number) => records / (items / itemsPerSecond);
    return [
      {
        name: `import end to end vs raw TransactWriteItems of its items (${rows} rows)`,
        value: records / seconds,
        baseline: records / (transactions.length / transactionsPerSecond),
        unit: 'rows/s',
        higherIsBetter: true,
        note: `baseline: the ${written.length.toLocaleString('en-GB')} contact and claim items the import wrote, written again into an empty table as the import writes them: TransactWriteItems of ${PEOPLE_PER_TRANSACTION} people (a contact and its claims, each on condition that it does not exist), ${WRITE_CONCURRENCY} in flight, in records per second. Target: at least 0.8×.`,
      },
      {
        name: `import end to end vs raw BatchWriteItem of its items (${rows} rows)`,
        value: records / seconds,
        baseline: recordsPerSecond(sameItemsPerSecond, written.length),
        unit: 'rows/s',
        higherIsBetter: true,
        note: 'for reference: the same items into an empty table by raw, unconditional BatchWriteItem (25 a request, 8 in flight), in records per second. Nothing holds uniqueness there.',
      },
      {
        name: `import end to end vs raw BatchWriteItem of small items (${rows} rows)`,
        value: records / seconds,
        baseline: smallItemsPerSecond,
        unit: 'rows/s',
        higherIsBetter: true,
        note: 'for reference (the baseline of issue 3): one small contact-sized item per record, raw BatchWriteItem, 25 a request, 8 in flight.',
      },
    ];
  } finally {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The contact and claim items in the table: what the import wrote. */
async function itemsTheImportWrote(client: DynamoDBClient, tableName: string) {
  const written: Record<string, AttributeValue>[] = [];
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: startKey }));
    for (const item of page.Items ?? [])
      if (item.entity?.S === 'contact' || item.entity?.S === 'contactClaim') written.push(item);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return written;
}

/** Each contact with the claims that point at it, as the import writes a new person. */
function peopleOf(items: Record<string, AttributeValue>[]) {
  const byContact = new Map<string, Record<string, AttributeValue>[]>();
  for (const item of items) {
    const id = item.entity?.S === 'contact' ? item.id?.S : item.contactId?.S;
    if (id === undefined) throw new Error(`an item without its contact's id: ${item.pk?.S}`);
    byContact.set(id, [...(byContact.get(id) ?? []), item]);
  }
  return [...byContact.values()];
}

/** Writes items by BatchWriteItem, 25 a request and 8 in flight; returns items per second. */
async function batchWrite(client: DynamoDBClient, tableName: string, items: Record<string, AttributeValue>[]) {
  const perSecond = await throughput(Math.ceil(items.length / 25), 8, async (b) => {
    let requests = items.slice(b * 25, (b + 1) * 25).map((Item) => ({ PutRequest: { Item } }));
    while (requests.length > 0) {
      const result = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: requests } }));
      requests = (result.UnprocessedItems?.[tableName] ?? []) as typeof requests;
    }
  });
  return perSecond * 25;
}
