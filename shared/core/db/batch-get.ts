import { BatchGetCommand, type BatchGetCommandOutput, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { forEachConcurrently } from '../concurrency';
import { sendUntilProcessed } from '../retry';

/** BatchGetItem reads at most this many keys per request. */
const KEYS_PER_REQUEST = 100;
/**
 * Requests sent at once for a larger read: an import batch's look-up is about ten requests, and one after
 * another they cost ten round trips before any write can start.
 */
const REQUESTS_IN_FLIGHT = 4;

/**
 * The items found under any number of keys (in no particular order; missing keys are simply absent), read
 * 100 keys to a request (REQUESTS_IN_FLIGHT at once), and keys DynamoDB leaves unprocessed (throttling) read
 * again after a pause, a bounded number of times (UNPROCESSED_RETRIES).
 */
export async function batchGet(
  client: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly Record<string, unknown>[],
  options: { consistentRead?: boolean; projection?: readonly string[] } = {},
): Promise<Record<string, unknown>[]> {
  const projection = options.projection && {
    ProjectionExpression: options.projection.map((_, i) => `#p${i}`).join(', '),
    ExpressionAttributeNames: Object.fromEntries(options.projection.map((name, i) => [`#p${i}`, name])),
  };
  const items: Record<string, unknown>[] = [];
  const requests = Array.from({ length: Math.ceil(keys.length / KEYS_PER_REQUEST) }, (_, r) =>
    keys.slice(r * KEYS_PER_REQUEST, (r + 1) * KEYS_PER_REQUEST),
  );
  await forEachConcurrently(requests, REQUESTS_IN_FLIGHT, (request) =>
    sendUntilProcessed(request, async (keys) => {
      const result: BatchGetCommandOutput = await client.send(
        new BatchGetCommand({
          RequestItems: { [tableName]: { Keys: keys, ConsistentRead: options.consistentRead ?? false, ...projection } },
        }),
      );
      items.push(...(result.Responses?.[tableName] ?? []));
      return result.UnprocessedKeys?.[tableName]?.Keys ?? [];
    }),
  );
  return items;
}
