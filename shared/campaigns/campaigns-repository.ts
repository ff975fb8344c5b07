import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { indexPage } from '../core/db/collection-page';
import { ITEM_IS_NEW } from '../core/db/entity';
import type { Campaign, CampaignCounts, CampaignStatus } from './campaign';
import { campaignEntity } from './entities';

/** Campaign counters to add to, by name (`skippedBy.no_consent` for a reason). */
export type CountChanges = Partial<Record<Exclude<keyof CampaignCounts, 'skippedBy'> | `skippedBy.${string}`, number>>;

const isConditionFailure = (error: unknown) => (error as Error).name === 'ConditionalCheckFailedException';

/** Campaigns in the single table: keys in ./entities.ts, access patterns in docs/data-model.md. */
export class CampaignsRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(campaign: Campaign): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: campaignEntity.item(campaign),
        ConditionExpression: ITEM_IS_NEW,
      }),
    );
  }

  async get(id: string): Promise<Campaign | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: campaignEntity.key(id), ConsistentRead: true }),
    );
    return Item ? campaignEntity.read(Item) : undefined;
  }

  /** Campaigns, newest first, a page at a time. */
  async list(limit: number, cursor?: string): Promise<{ items: Campaign[]; nextCursor?: string }> {
    const page = await indexPage(this.client, this.tableName, {
      entity: campaignEntity,
      role: 'byKind',
      limit,
      cursor,
      newestFirst: true,
    });
    return { ...page, items: page.items.map((item) => campaignEntity.read(item)) };
  }

  /** Campaigns due to start: scheduled at or before `now` (campaigns are few; the kind index serves them). */
  async dueScheduled(now: string): Promise<Campaign[]> {
    const due: Campaign[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const query = campaignEntity.queryIndex('byKind');
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          ...query,
          FilterExpression: '#status = :scheduled AND #sendAt <= :now',
          ExpressionAttributeNames: { ...query.ExpressionAttributeNames, '#status': 'status', '#sendAt': 'sendAt' },
          ExpressionAttributeValues: { ...query.ExpressionAttributeValues, ':scheduled': 'scheduled', ':now': now },
          ExclusiveStartKey: startKey,
        }),
      );
      due.push(...(page.Items ?? []).map((item) => campaignEntity.read(item)));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return due;
  }

  /**
   * Writes `next` over a campaign in one of the statuses `from`, unchanged since `updatedAt`; false when it is
   * no longer so (someone changed it meanwhile). Counters are left as they stand: only `ADD` moves them.
   */
  async replace(next: Campaign, expected: { updatedAt: string; from: readonly CampaignStatus[] }): Promise<boolean> {
    const { counts: _counts, ...fields } = next;
    const names: Record<string, string> = { '#updatedAt': 'updatedAt', '#status': 'status' };
    const values: Record<string, unknown> = { ':expectedUpdatedAt': expected.updatedAt };
    const sets: string[] = [];
    Object.entries(campaignEntity.item(fields as Campaign)).forEach(([name, value], index) => {
      if (name === 'pk' || name === 'sk') return;
      names[`#f${index}`] = name;
      values[`:f${index}`] = value;
      sets.push(`#f${index} = :f${index}`);
    });
    const removed = (['pausedReason', 'sendAt', 'finishedAt', 'surveyId'] as const).filter(
      (name) => next[name] === undefined,
    );
    removed.forEach((name, index) => {
      names[`#r${index}`] = name;
    });
    expected.from.forEach((status, index) => {
      values[`:from${index}`] = status;
    });
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: campaignEntity.key(next.id),
          UpdateExpression: `SET ${sets.join(', ')}${removed.length > 0 ? ` REMOVE ${removed.map((_, i) => `#r${i}`).join(', ')}` : ''}`,
          ConditionExpression: `#updatedAt = :expectedUpdatedAt AND #status IN (${expected.from.map((_, i) => `:from${i}`).join(', ')})`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** Adds to a campaign's counters; the campaign as it stands after. */
  async addCounts(id: string, changes: CountChanges): Promise<Campaign | undefined> {
    const entries = Object.entries(changes).filter(([, by]) => by !== 0);
    if (entries.length === 0) return undefined;
    const names: Record<string, string> = { '#counts': 'counts' };
    const values: Record<string, unknown> = {};
    const adds = entries.map(([name, by], index) => {
      const [counter, reason] = name.split('.') as [string, string | undefined];
      names[`#c${index}`] = counter;
      values[`:c${index}`] = by;
      if (reason === undefined) return `#counts.#c${index} :c${index}`;
      names[`#reason${index}`] = reason;
      return `#counts.#c${index}.#reason${index} :c${index}`;
    });
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: campaignEntity.key(id),
          UpdateExpression: `ADD ${adds.join(', ')}`,
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes ? campaignEntity.read(Attributes) : undefined;
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }

  /**
   * Records that page `page` of run `run` of the audience was enqueued (`queued` recipients, counted on the first
   * run only: later runs enqueue again those still waiting); `complete` when it was the last. False when that
   * page was recorded already (SQS delivered its message twice) or the campaign moved on to another run.
   */
  async recordAudiencePage(
    id: string,
    progress: { run: number; page: number; queued: number; complete: boolean },
  ): Promise<Campaign | undefined> {
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: campaignEntity.key(id),
          UpdateExpression: `SET #page = :page, #enqueued = :complete ADD #counts.#queued :queued`,
          ConditionExpression: '#run = :run AND #page = :previous',
          ExpressionAttributeNames: {
            '#page': 'audiencePage',
            '#enqueued': 'audienceEnqueued',
            '#counts': 'counts',
            '#queued': 'queued',
            '#run': 'run',
          },
          ExpressionAttributeValues: {
            ':page': progress.page,
            ':previous': progress.page - 1,
            ':complete': progress.complete,
            ':queued': progress.run === 1 ? progress.queued : 0,
            ':run': progress.run,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes ? campaignEntity.read(Attributes) : undefined;
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }

  /** Which page of the current run's audience was enqueued last (0 before the first). */
  async audiencePage(id: string): Promise<number> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: campaignEntity.key(id),
        ProjectionExpression: 'audiencePage',
        ConsistentRead: true,
      }),
    );
    return Number(Item?.audiencePage ?? 0);
  }

  /** A campaign in status `from` moves to `to` (and loses the attributes `remove`); false when it was not in `from`. */
  async transition(
    id: string,
    from: CampaignStatus,
    to: Partial<Campaign> & { audiencePage?: number },
    remove: readonly string[] = [],
  ): Promise<boolean> {
    const entries = Object.entries(to);
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: campaignEntity.key(id),
          UpdateExpression: `SET ${entries.map((_, i) => `#t${i} = :t${i}`).join(', ')}${
            remove.length > 0 ? ` REMOVE ${remove.map((_, i) => `#r${i}`).join(', ')}` : ''
          }`,
          ConditionExpression: '#status = :from',
          ExpressionAttributeNames: {
            '#status': 'status',
            ...Object.fromEntries(entries.map(([name], i) => [`#t${i}`, name])),
            ...Object.fromEntries(remove.map((name, i) => [`#r${i}`, name])),
          },
          ExpressionAttributeValues: {
            ':from': from,
            ...Object.fromEntries(entries.map(([, value], i) => [`:t${i}`, value])),
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}
