import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor } from './cursor';
import type { Entity, IndexRole } from './entity';

/** What narrows a page beyond its collection: a filter, a projection, and their names and values. */
export interface PageNarrowing {
  FilterExpression?: string;
  ProjectionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
}

/**
 * One page of an entity's collection within a partition (its sort-key prefix), in key order. With a filter,
 * up to `readBudget` queries fill the page; the cursor continues after the last item read, so a filtered page
 * may come back short with a cursor. A cursor from another collection or partition is a 400.
 */
export async function collectionPage(
  client: DynamoDBDocumentClient,
  tableName: string,
  page: {
    // biome-ignore lint/suspicious/noExplicitAny: any entity with a collection
    entity: Entity<any, any, any>;
    parts: string[];
    limit: number;
    cursor: string | undefined;
    narrowing?: PageNarrowing;
    readBudget: number;
  },
): Promise<{ items: Record<string, unknown>[]; nextCursor?: string }> {
  const { entity, parts, limit, narrowing = {} } = page;
  const query = entity.queryCollection(...parts);
  const items: Record<string, unknown>[] = [];
  let startKey = page.cursor ? await decodeCursor(page.cursor, entity.collectionCursor(...parts)) : undefined;
  for (let reads = 0; reads < page.readBudget && items.length < limit; reads++) {
    const result = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: query.KeyConditionExpression,
        ...narrowing,
        ExpressionAttributeNames: { ...query.ExpressionAttributeNames, ...narrowing.ExpressionAttributeNames },
        ExpressionAttributeValues: { ...query.ExpressionAttributeValues, ...narrowing.ExpressionAttributeValues },
        Limit: limit - items.length,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(result.Items ?? []));
    startKey = result.LastEvaluatedKey as Record<string, string> | undefined;
    if (!startKey) break;
  }
  return { items, ...(startKey && { nextCursor: await encodeCursor(startKey) }) };
}

/** One page of an entity's index partition (every survey, every segment ...), in the index's order. */
export async function indexPage(
  client: DynamoDBDocumentClient,
  tableName: string,
  page: {
    // biome-ignore lint/suspicious/noExplicitAny: any entity in that index
    entity: Entity<any, any, any>;
    role: IndexRole;
    parts?: string[];
    limit: number;
    cursor: string | undefined;
    newestFirst?: boolean;
  },
): Promise<{ items: Record<string, unknown>[]; nextCursor?: string }> {
  const parts = page.parts ?? [];
  const startKey = page.cursor
    ? await decodeCursor(page.cursor, page.entity.indexCursor(page.role, ...parts))
    : undefined;
  const result = await client.send(
    new QueryCommand({
      TableName: tableName,
      ...page.entity.queryIndex(page.role, ...parts),
      ...(page.newestFirst && { ScanIndexForward: false }),
      Limit: page.limit,
      ExclusiveStartKey: startKey,
    }),
  );
  return {
    items: result.Items ?? [],
    ...(result.LastEvaluatedKey && { nextCursor: await encodeCursor(result.LastEvaluatedKey) }),
  };
}
