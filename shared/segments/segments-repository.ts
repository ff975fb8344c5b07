import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { indexPage } from '../core/db/collection-page';
import { ITEM_IS_NEW } from '../core/db/entity';
import { segmentEntity } from './entities';
import type { Segment } from './segment';

/** Segments in the single table: keys in ./entities.ts, access patterns in docs/data-model.md. */
export class SegmentsRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(segment: Segment): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: segmentEntity.item(segment),
        ConditionExpression: ITEM_IS_NEW,
      }),
    );
  }

  async get(id: string): Promise<Segment | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: segmentEntity.key(id) }));
    return Item ? segmentEntity.read(Item) : undefined;
  }

  /** Segments by name, a page at a time. */
  async list(limit: number, cursor?: string): Promise<{ items: Segment[]; nextCursor?: string }> {
    const page = await indexPage(this.client, this.tableName, { entity: segmentEntity, role: 'byKind', limit, cursor });
    return { ...page, items: page.items.map((item) => segmentEntity.read(item)) };
  }

  /** False when there was no such segment. */
  async delete(id: string): Promise<boolean> {
    const { Attributes } = await this.client.send(
      new DeleteCommand({ TableName: this.tableName, Key: segmentEntity.key(id), ReturnValues: 'ALL_OLD' }),
    );
    return Attributes !== undefined;
  }
}
