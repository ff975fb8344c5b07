import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { indexPage } from '../core/db/collection-page';
import type { PossibleDuplicate } from './duplicates';
import { possibleDuplicateEntity } from './entities';

/** Possible duplicates in the single table: keys in ./entities.ts, access patterns in docs/data-model.md. */
export class DuplicatesRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(a: string, b: string): Promise<PossibleDuplicate | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: possibleDuplicateEntity.key(a, b) }),
    );
    return Item ? possibleDuplicateEntity.read(Item) : undefined;
  }

  /** Open pairs, oldest found first, a page at a time. */
  async listOpen(limit: number, cursor?: string): Promise<{ items: PossibleDuplicate[]; nextCursor?: string }> {
    const page = await indexPage(this.client, this.tableName, {
      entity: possibleDuplicateEntity,
      role: 'byKind',
      limit,
      cursor,
    });
    return { ...page, items: page.items.map((item) => possibleDuplicateEntity.read(item)) };
  }

  /** Closes an open pair with a decision; false when it was decided meanwhile. */
  async decide(pair: PossibleDuplicate, status: 'distinct' | 'merged', by: string, at: string): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: possibleDuplicateEntity.item({ ...pair, status, decidedBy: by, decidedAt: at }),
          ConditionExpression: '#status = :open',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':open': 'open' },
        }),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }
}
