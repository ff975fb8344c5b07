import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { indexPage } from '../core/db/collection-page';
import { ITEM_IS_NEW } from '../core/db/entity';
import { type CountInProgress, type SegmentCount, segmentCountEntity, segmentEntity } from './entities';
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

  /** False when there was no such segment. Its count goes with it. */
  async delete(id: string): Promise<boolean> {
    const { Attributes } = await this.client.send(
      new DeleteCommand({ TableName: this.tableName, Key: segmentEntity.key(id), ReturnValues: 'ALL_OLD' }),
    );
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: segmentCountEntity.key(id) }));
    return Attributes !== undefined;
  }

  async count(segmentId: string): Promise<SegmentCount> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: segmentCountEntity.key(segmentId) }),
    );
    return Item ? segmentCountEntity.read(Item) : { segmentId };
  }

  /**
   * Starts a count asked for at `since`, unless one started after `staleBefore` is still running (a count
   * whose invocations all failed is taken over once it is stale). False when another count runs.
   */
  async claimCount(segmentId: string, since: string, staleBefore: string): Promise<boolean> {
    const counting: CountInProgress = { since, part: 0, partial: 0, updatedAt: since };
    return this.updateCount(segmentId, {
      UpdateExpression: 'SET counting = :counting, segmentId = :segmentId',
      ConditionExpression: 'attribute_not_exists(counting) OR counting.updatedAt < :staleBefore',
      ExpressionAttributeValues: { ':counting': counting, ':segmentId': segmentId, ':staleBefore': staleBefore },
    });
  }

  /**
   * Moves a count on to its next part, on condition that `done` is still the part that ran: a part delivered
   * twice, or a count replaced meanwhile, changes nothing (false).
   */
  async saveCountProgress(segmentId: string, done: CountInProgress, next: CountInProgress): Promise<boolean> {
    return this.updateCount(segmentId, {
      UpdateExpression: 'SET counting = :next',
      ConditionExpression: 'counting.since = :since AND counting.part = :part',
      ExpressionAttributeValues: { ':next': next, ':since': done.since, ':part': done.part },
    });
  }

  /** Keeps the finished count, as of when it was asked for; false when the part is not the current one. */
  async finishCount(segmentId: string, done: CountInProgress, contacts: number): Promise<boolean> {
    return this.updateCount(segmentId, {
      UpdateExpression: 'SET contacts = :contacts, countedAt = :since REMOVE counting',
      ConditionExpression: 'counting.since = :since AND counting.part = :part',
      ExpressionAttributeValues: { ':contacts': contacts, ':since': done.since, ':part': done.part },
    });
  }

  private async updateCount(
    segmentId: string,
    update: Pick<
      ConstructorParameters<typeof UpdateCommand>[0],
      'UpdateExpression' | 'ConditionExpression' | 'ExpressionAttributeValues'
    >,
  ): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({ TableName: this.tableName, Key: segmentCountEntity.key(segmentId), ...update }),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }
}
