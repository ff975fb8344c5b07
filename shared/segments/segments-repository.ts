import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { queryAll } from '../core/db/query-all';
import { INDEXES } from '../core/db/table-definition';
import type { Segment } from './segment';

/**
 * Segments in the single table (see docs/data-model.md):
 *   segment   pk SEGMENT#<id>   sk SEGMENT   gsi1pk SEGMENT   gsi1sk <name, lower case>#<id>
 */
const segmentKey = (id: string) => ({ pk: `SEGMENT#${id}`, sk: 'SEGMENT' });
const strip = ({ pk, sk, entity, gsi1pk, gsi1sk, ...segment }: Record<string, unknown>) => segment as Segment;

export class SegmentsRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(segment: Segment): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...segmentKey(segment.id),
          entity: 'segment',
          gsi1pk: 'SEGMENT',
          gsi1sk: `${segment.name.toLowerCase()}#${segment.id}`,
          ...segment,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async get(id: string): Promise<Segment | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: segmentKey(id) }));
    return Item ? strip(Item) : undefined;
  }

  /** Every segment, by name. */
  async list(): Promise<Segment[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      IndexName: INDEXES.byKind.indexName,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': 'SEGMENT' },
    });
    return items.map(strip);
  }

  /** False when there was no such segment. */
  async delete(id: string): Promise<boolean> {
    const { Attributes } = await this.client.send(
      new DeleteCommand({ TableName: this.tableName, Key: segmentKey(id), ReturnValues: 'ALL_OLD' }),
    );
    return Attributes !== undefined;
  }
}
