// Over 300 lines, on purpose. Every change of an import's state is one conditional update of its item (awaiting_upload, awaiting_mapping,
// importing, completed, failed, undone, and the dry run's states): the transitions stay together so that
// the conditions that make them safe read as one table.
import {
  BatchWriteCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor } from '../core/db/cursor';
import { ITEM_IS_NEW } from '../core/db/entity';
import { queryAll } from '../core/db/query-all';
import { sendUntilProcessed } from '../core/retry';
import {
  type ContactImport,
  emptySummary,
  type ImportAnalysis,
  type ImportCheckpoint,
  type ImportFailure,
  type ImportSettings,
  type ImportSummary,
} from './contact-import';
import {
  droppedFileEntity,
  importEntity,
  importRejectEntity,
  importWarningEntity,
  type RejectedRow,
  type WarnedValue,
} from './entities';

export type { RejectedRow } from './entities';

/** An import as stored, with what the API does not show: the checkpoint and the error report's key. */
export type StoredImport = ContactImport & {
  checkpoint?: ImportCheckpoint;
  errorReportKey?: string;
  warningsReportKey?: string;
};

/** Contact imports in the single table: keys in ./entities.ts, access patterns in docs/data-model.md. */

/** Days a dropped file's claim on its import is kept (Lambda stops retrying an event after six hours). */
const DROP_CLAIM_DAYS = 2;

/** An upload may be analysed again (a re-upload, or S3 delivering its event twice) until the import starts. */
const ANALYSABLE = ['awaiting_upload', 'awaiting_mapping', 'failed'];

export class ImportsRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(contactImport: ContactImport): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: importEntity.item(contactImport),
        ConditionExpression: ITEM_IS_NEW,
      }),
    );
  }

  /**
   * The import a dropped file's event makes: `importId` if this is the event's first delivery, else the one an
   * earlier delivery chose (S3 may deliver an event twice, and Lambda retries a failed one). The claim expires
   * after DROP_CLAIM_DAYS, long after Lambda stops retrying.
   */
  async claimDrop(key: string, sequencer: string, importId: string, now: Date): Promise<string> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: droppedFileEntity.item({
            key,
            sequencer,
            importId,
            expiresAt: Math.floor(now.getTime() / 1000) + DROP_CLAIM_DAYS * 86_400,
          }),
          ConditionExpression: ITEM_IS_NEW,
        }),
      );
      return importId;
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      return (await this.droppedImport(key, sequencer)) as string;
    }
  }

  /** The import a dropped file's event made, if it made one. */
  async droppedImport(key: string, sequencer: string): Promise<string | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: droppedFileEntity.key(key, sequencer), ConsistentRead: true }),
    );
    return Item?.importId as string | undefined;
  }

  /** Deletes an import that never received its file; false when there is none, or it has one by now. */
  async deleteAwaitingUpload(id: string): Promise<boolean> {
    try {
      await this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: importEntity.key(id),
          ConditionExpression: '#status = :awaiting',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':awaiting': 'awaiting_upload' },
        }),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  /** Creates the import unless one with its id exists; false when it did. */
  async createIfAbsent(contactImport: ContactImport): Promise<boolean> {
    try {
      await this.create(contactImport);
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  async get(id: string): Promise<StoredImport | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: importEntity.key(id), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    return { ...importEntity.read(Item), ...importEntity.storedOf(Item) } as StoredImport;
  }

  /** Records a dry run's state on an import that is still awaiting its mapping; false otherwise. */
  recordDryRun(id: string, dryRun: NonNullable<ContactImport['dryRun']>) {
    return this.update(id, {
      set: { dryRun, updatedAt: dryRun.at },
      condition: '#status = :awaiting',
      values: { ':awaiting': 'awaiting_mapping' },
    });
  }

  /** Marks failed the dry run asked for at `askedAt`, if it is still running; false otherwise. */
  failRunningDryRun(id: string, askedAt: string, failure: string, now: string) {
    return this.update(id, {
      set: { dryRun: { status: 'failed', failure, at: now }, updatedAt: now },
      condition: '#status = :awaiting AND #dryRun.#dryRunStatus = :running AND #dryRun.#at = :askedAt',
      values: { ':awaiting': 'awaiting_mapping', ':running': 'running', ':askedAt': askedAt },
      names: { '#dryRun': 'dryRun', '#dryRunStatus': 'status', '#at': 'at' },
    });
  }

  /** Every import that is importing, or whose dry run is running: what the stalled-import check looks at. */
  async inProgress(): Promise<StoredImport[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      ...importEntity.queryIndex('byKind'),
      FilterExpression: '#status = :importing OR #dryRun.#dryRunStatus = :running',
      ExpressionAttributeNames: {
        ...importEntity.queryIndex('byKind').ExpressionAttributeNames,
        '#status': 'status',
        '#dryRun': 'dryRun',
        '#dryRunStatus': 'status',
      },
      ExpressionAttributeValues: {
        ...importEntity.queryIndex('byKind').ExpressionAttributeValues,
        ':importing': 'importing',
        ':running': 'running',
      },
    });
    return items.map((item) => ({ ...importEntity.read(item), ...importEntity.storedOf(item) }) as StoredImport);
  }

  /**
   * failed (its job gave up) → importing again from its last checkpoint, under the next sequence, so that a
   * job of the old one still in flight is ignored; false when the import is not that failure any more.
   */
  resumeFailed(id: string, checkpoint: ImportCheckpoint, now: string) {
    const next: ImportCheckpoint = {
      sequence: checkpoint.sequence + 1,
      record: checkpoint.record,
      summary: checkpoint.summary,
      ...(checkpoint.reading && { reading: checkpoint.reading }),
    };
    return this.update(id, {
      set: { status: 'importing', checkpoint: next, updatedAt: now },
      remove: ['failure'],
      condition: '#status = :failed AND #checkpoint.#sequence = :sequence',
      values: { ':failed': 'failed', ':sequence': checkpoint.sequence },
      names: { '#checkpoint': 'checkpoint', '#sequence': 'sequence' },
    });
  }

  /** Imports, newest first, a page at a time; the cursor is the previous page's nextCursor. */
  async list(limit: number, cursor?: string) {
    const startKey = cursor === undefined ? undefined : await decodeCursor(cursor, importEntity.indexCursor('byKind'));
    const page = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        ...importEntity.queryIndex('byKind'),
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    );
    const imports = (page.Items ?? []).map((item) => importEntity.read(item));
    return { imports, ...(page.LastEvaluatedKey && { nextCursor: await encodeCursor(page.LastEvaluatedKey) }) };
  }

  /** awaiting_mapping (with settings) → importing, at sequence 0; false when the import cannot start. */
  start(id: string, now: string): Promise<boolean> {
    const checkpoint: ImportCheckpoint = { sequence: 0, record: 0, summary: emptySummary() };
    return this.update(id, {
      set: { status: 'importing', checkpoint, progress: { records: 0, percentOfBytes: 0 }, updatedAt: now },
      condition: '#status = :from AND attribute_exists(#settings)',
      values: { ':from': 'awaiting_mapping' },
      names: { '#settings': 'settings' },
    });
  }

  /** Saves where a running import has got to; false when another job has moved it on (a duplicate event). */
  saveCheckpoint(
    id: string,
    expectedSequence: number,
    checkpoint: ImportCheckpoint,
    percentOfBytes: number,
    now: string,
  ) {
    return this.update(id, {
      set: { checkpoint, progress: { records: checkpoint.record, percentOfBytes }, updatedAt: now },
      condition: '#status = :importing AND #checkpoint.#sequence = :sequence',
      values: { ':importing': 'importing', ':sequence': expectedSequence },
      names: { '#checkpoint': 'checkpoint', '#sequence': 'sequence' },
    });
  }

  complete(
    id: string,
    expectedSequence: number,
    summary: ImportSummary,
    reports: { errorReportKey?: string | undefined; warningsReportKey?: string | undefined },
    now: string,
  ) {
    return this.update(id, {
      set: {
        status: 'completed',
        summary,
        progress: { records: summary.records, percentOfBytes: 100 },
        updatedAt: now,
        ...(reports.errorReportKey && { errorReportKey: reports.errorReportKey }),
        ...(reports.warningsReportKey && { warningsReportKey: reports.warningsReportKey }),
      },
      condition: '#status = :importing AND #checkpoint.#sequence = :sequence',
      values: { ':importing': 'importing', ':sequence': expectedSequence },
      names: { '#checkpoint': 'checkpoint', '#sequence': 'sequence' },
    });
  }

  /** importing → failed, keeping the summary of what was imported before the failure. */
  failRun(id: string, expectedSequence: number, failure: ImportFailure, summary: ImportSummary, now: string) {
    return this.update(id, {
      set: { status: 'failed', failure, summary, updatedAt: now },
      condition: '#status = :importing AND #checkpoint.#sequence = :sequence',
      values: { ':importing': 'importing', ':sequence': expectedSequence },
      names: { '#checkpoint': 'checkpoint', '#sequence': 'sequence' },
    });
  }

  /**
   * Counts an invocation that failed from the import's current checkpoint; the count so far, or undefined
   * when the import has moved on (another job, or done).
   */
  async recordJobFailure(id: string, sequence: number, now: string): Promise<number | undefined> {
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: importEntity.key(id),
          UpdateExpression: 'SET updatedAt = :now ADD #checkpoint.failures :one',
          ConditionExpression: '#status = :importing AND #checkpoint.#sequence = :sequence',
          ExpressionAttributeNames: { '#status': 'status', '#checkpoint': 'checkpoint', '#sequence': 'sequence' },
          ExpressionAttributeValues: { ':now': now, ':one': 1, ':importing': 'importing', ':sequence': sequence },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return (Attributes?.checkpoint as { failures?: number } | undefined)?.failures;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return undefined;
      throw error;
    }
  }

  /**
   * Adds to the contacts an undo has removed; `finished` marks the import undone. Only a completed import, or
   * one that failed part-way, can be undone: false otherwise.
   */
  countUndone(id: string, removed: number, now: string, finished: boolean) {
    return this.update(id, {
      set: { ...(finished && { status: 'undone' }), updatedAt: now },
      add: { undoneContacts: removed },
      condition: '(#status = :completed OR (#status = :failed AND attribute_exists(#summary)))',
      values: { ':completed': 'completed', ':failed': 'failed' },
      names: { '#summary': 'summary' },
    });
  }

  /** Keeps rejected rows for the error report until `expiresAt` (epoch seconds), when the table's TTL deletes them. */
  async addRejected(id: string, rows: readonly RejectedRow[], expiresAt: number): Promise<void> {
    await this.putAll(rows.map((row) => importRejectEntity.item({ importId: id, ...row }, { expiresAt })));
  }

  /** Values of one batch dropped with a warning: a record's are numbered in the order they were found. */
  async addWarned(id: string, values: readonly WarnedValue[], expiresAt: number): Promise<void> {
    let previous = -1;
    let index = 0;
    await this.putAll(
      values.map((value) => {
        index = value.record === previous ? index + 1 : 0;
        previous = value.record;
        return importWarningEntity.item({ importId: id, index, ...value }, { expiresAt });
      }),
    );
  }

  async *warned(id: string): AsyncGenerator<WarnedValue> {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          ...importWarningEntity.queryCollection(id),
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? [])
        yield { record: item.record, line: item.line, reason: item.reason, column: item.column, value: item.value };
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }

  private async putAll(items: readonly Record<string, unknown>[]): Promise<void> {
    for (let start = 0; start < items.length; start += 25) {
      const requests = items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } }));
      await sendUntilProcessed(requests, async (pending) => {
        const result = await this.client.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: pending } }));
        return (result.UnprocessedItems?.[this.tableName] ?? []) as typeof pending;
      });
    }
  }

  async *rejected(id: string): AsyncGenerator<RejectedRow> {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          ...importRejectEntity.queryCollection(id),
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? [])
        yield { record: item.record, line: item.line, reason: item.reason, fields: item.fields };
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }

  private async update(
    id: string,
    change: {
      set: Record<string, unknown>;
      add?: Record<string, number>;
      remove?: string[];
      condition: string;
      values: Record<string, unknown>;
      names?: Record<string, string>;
    },
  ): Promise<boolean> {
    const names: Record<string, string> = { '#status': 'status', ...change.names };
    const values: Record<string, unknown> = { ...change.values };
    const assignments = Object.entries(change.set).map(([key, value], index) => {
      names[`#s${index}`] = key;
      values[`:s${index}`] = value;
      return `#s${index} = :s${index}`;
    });
    const additions = Object.entries(change.add ?? {}).map(([key, value], index) => {
      names[`#a${index}`] = key;
      values[`:a${index}`] = value;
      return `#a${index} :a${index}`;
    });
    const removals = (change.remove ?? []).map((key, index) => {
      names[`#r${index}`] = key;
      return `#r${index}`;
    });
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: importEntity.key(id),
          UpdateExpression: `SET ${assignments.join(', ')}${additions.length > 0 ? ` ADD ${additions.join(', ')}` : ''}${removals.length > 0 ? ` REMOVE ${removals.join(', ')}` : ''}`,
          ConditionExpression: `attribute_exists(pk) AND ${change.condition}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  /** Stores how to run the import, on condition that it is still awaiting its mapping; false when not. */
  async recordSettings(id: string, settings: ImportSettings, now: string): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: importEntity.key(id),
          UpdateExpression: 'SET #settings = :settings, #updatedAt = :now',
          ConditionExpression: 'attribute_exists(pk) AND #status = :awaiting',
          ExpressionAttributeNames: { '#settings': 'settings', '#updatedAt': 'updatedAt', '#status': 'status' },
          ExpressionAttributeValues: { ':settings': settings, ':now': now, ':awaiting': 'awaiting_mapping' },
        }),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  /** Records an analysis, or a failure; false when the import is no longer waiting for its file. */
  async recordAnalysis(id: string, outcome: { analysis: ImportAnalysis } | { failure: ImportFailure }, now: string) {
    const analysed = 'analysis' in outcome;
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: importEntity.key(id),
          UpdateExpression: `SET #status = :status, #updatedAt = :now, ${analysed ? '#analysis = :value REMOVE #failure' : '#failure = :value REMOVE #analysis'}`,
          ConditionExpression: 'attribute_exists(pk) AND #status IN (:s0, :s1, :s2)',
          ExpressionAttributeNames: {
            '#status': 'status',
            '#updatedAt': 'updatedAt',
            '#analysis': 'analysis',
            '#failure': 'failure',
          },
          ExpressionAttributeValues: {
            ':status': analysed ? 'awaiting_mapping' : 'failed',
            ':now': now,
            ':value': analysed ? outcome.analysis : outcome.failure,
            ':s0': ANALYSABLE[0],
            ':s1': ANALYSABLE[1],
            ':s2': ANALYSABLE[2],
          },
        }),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }
}
