import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ITEM_IS_NEW } from '../core/db/entity';
import { queryAll } from '../core/db/query-all';
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

  /** Every segment, by name. */
  async list(): Promise<Segment[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      ...segmentEntity.queryIndex('byKind'),
    });
    return items.map((item) => segmentEntity.read(item));
  }

  /** False when there was no such segment. */
  async delete(id: string): Promise<boolean> {
    const { Attributes } = await this.client.send(
      new DeleteCommand({ TableName: this.tableName, Key: segmentEntity.key(id), ReturnValues: 'ALL_OLD' }),
    );
    return Attributes !== undefined;
  }
}
