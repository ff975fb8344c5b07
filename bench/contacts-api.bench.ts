import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { loadOrCreateSigningKey, mintToken } from '../local/local-auth';
import { startLocalStack } from '../local/stack';
import { localClient } from '../local/stand-ins/dynamodb-local';
import { type BenchResult, throughput } from './harness';

/**
 * Contacts create + get through the whole local path (HTTP, API Gateway event, middy, zod, normalisation,
 * a transaction with claim items, a read) against the same work done as raw PutItem + GetItem on the same
 * DynamoDB Local, in the same run.
 */
export async function benchContactsApi(options: { count: number; concurrency: number }): Promise<BenchResult[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'voxcitio-bench-'));
  const stack = await startLocalStack({ port: 0, dataDir, inMemory: true });
  try {
    const token = await mintToken(await loadOrCreateSigningKey(dataDir), { role: 'staff' });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const run = Date.now().toString(36);
    const body = (i: number, label: string) =>
      JSON.stringify({
        firstName: 'Bench',
        lastName: `Resident ${i}`,
        email: `bench.${label}.${run}.${i}@example.org`,
        phone: `+4473${String(i + (label === 'api' ? 0 : 5_000_000)).padStart(8, '0')}`,
        ward: 'Central',
        tags: ['parks', 'cycling'],
        consent: { email: { granted: true, source: 'bench' } },
      });

    const client = localClient(stack.environment.AWS_ENDPOINT_URL_DYNAMODB as string);
    const raw = async (i: number) => {
      const key = { pk: { S: `BENCH#${run}#${i}` }, sk: { S: 'CONTACT' } };
      await client.send(
        new PutItemCommand({ TableName: stack.tableName, Item: { ...key, body: { S: body(i, 'raw') } } }),
      );
      await client.send(new GetItemCommand({ TableName: stack.tableName, Key: key }));
    };
    const api = async (i: number) => {
      const created = await fetch(`${stack.apiUrl}/contacts`, { method: 'POST', headers, body: body(i, 'api') });
      if (created.status !== 201) throw new Error(`create answered ${created.status}: ${await created.text()}`);
      const { id } = (await created.json()) as { id: string };
      const read = await fetch(`${stack.apiUrl}/contacts/${id}`, { headers });
      if (read.status !== 200) throw new Error(`get answered ${read.status}`);
      await read.arrayBuffer();
    };

    // Warm both paths (JIT, handler modules, connections) before measuring.
    await throughput(50, options.concurrency, (i) => raw(1_000_000 + i));
    await throughput(50, options.concurrency, (i) => api(1_000_000 + i));
    const baseline = await throughput(options.count, options.concurrency, raw);
    const value = await throughput(options.count, options.concurrency, api);
    client.destroy();
    return [
      {
        name: `contacts create+get via local API (${options.count} pairs, ${options.concurrency} in flight)`,
        value,
        baseline,
        unit: 'pairs/s',
        higherIsBetter: true,
        note: 'baseline: raw PutItem + GetItem of the same JSON on the same DynamoDB Local. The API path also writes two claim items in a transaction and does HTTP, JWT verification and validation.',
      },
    ];
  } finally {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
