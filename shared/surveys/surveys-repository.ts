import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { batchGet } from '../core/db/batch-get';
import { decodeCursor, encodeCursor } from '../core/db/cursor';
import { queryAll } from '../core/db/query-all';
import { INDEXES } from '../core/db/table-definition';
import { cancellationReasons } from '../core/db/transactions';
import type { Survey } from './survey';
import type { Answers } from './survey-answers';
import { type Counters, distributionCounters, sumCounters } from './survey-results';

/**
 * Surveys in the single table. This module alone knows their keys (see docs/data-model.md):
 *   survey     pk SURVEY#<id>   sk SURVEY           gsi1pk SURVEY   gsi1sk <createdAt>#<id>
 *   counters   pk SURVEY_COUNTERS#<id>#<nn>   sk COUNTERS   (results kept at write time, a partition per shard)
 *   invitation pk SURVEY#<id>   sk INVITE#<contact id>   (one personal link per contact: hash, ward, responded)
 *   response   pk SURVEY#<id>   sk RESPONSE#<key>   (key: a hash of the link token, or random for public answers)
 *   link       pk SURVEY_LINK#<sha-256 of token>   sk LINK
 *
 * Results are counters spread over COUNTER_SHARDS items, so that concurrent submissions rarely touch the same
 * item. Every change to a survey writes its new version to every shard; a response is saved on condition that
 * its shard still holds the version the answers were checked against, so a response can never land on a
 * definition (or a status) it was not checked against. A change that would invalidate answers is written on
 * condition that no shard has counted a response.
 */
export const COUNTER_SHARDS = 16;
/** Counter updates per item, keeping each update expression well inside DynamoDB's 4 KB. */
const COUNTERS_PER_UPDATE = 150;
/** Queries one page of a filtered listing may take. */
const READ_BUDGET = 10;

const surveyKey = (id: string) => ({ pk: `SURVEY#${id}`, sk: 'SURVEY' });
const shardKey = (surveyId: string, shard: number) => ({
  pk: `SURVEY_COUNTERS#${surveyId}#${String(shard).padStart(2, '0')}`,
  sk: 'COUNTERS',
});
const inviteKey = (surveyId: string, contactId: string) => ({ pk: `SURVEY#${surveyId}`, sk: `INVITE#${contactId}` });
const responseKey = (surveyId: string, key: string) => ({ pk: `SURVEY#${surveyId}`, sk: `RESPONSE#${key}` });
const linkKey = (tokenHash: string) => ({ pk: `SURVEY_LINK#${tokenHash}`, sk: 'LINK' });
const KEY_ATTRIBUTES = new Set(['pk', 'sk', 'entity', 'gsi1pk', 'gsi1sk']);
const strip = <T>(item: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(item).filter(([name]) => !KEY_ATTRIBUTES.has(name))) as T;

export interface SurveyLink {
  tokenHash: string;
  surveyId: string;
  kind: 'personal' | 'public';
  contactId?: string;
  revoked?: boolean;
}

export interface Invitation {
  contactId: string;
  tokenHash: string;
  ward: string;
  language?: string;
  responded: boolean;
  revoked?: boolean;
  createdAt: string;
}

export interface StoredResponse {
  key: string;
  answers: Answers;
  language: string;
  via: 'personal' | 'public';
  /** Only on responses to surveys that are not anonymous. */
  contactId?: string;
  submittedAt: string;
  updatedAt: string;
  revision: number;
}

export class SurveyChangedError extends Error {}
export class ResponsesExistError extends Error {}
/** The response, its shard or the survey moved on between our read and our write: read again and retry. */
export class ResponseRaceError extends Error {}

type TransactItem = Record<string, Record<string, unknown>>;

export class SurveysRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(survey: Survey): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: this.surveyItem(survey),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async get(id: string): Promise<Survey | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: surveyKey(id), ConsistentRead: true }),
    );
    return Item ? strip<Survey>(Item) : undefined;
  }

  /** Every survey, newest first. */
  async list(): Promise<Survey[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      IndexName: INDEXES.byKind.indexName,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': 'SURVEY' },
      ScanIndexForward: false,
    });
    return items.map((item) => strip<Survey>(item));
  }

  /**
   * Replaces a survey read at `previous.version` and stamps the new version on every counter shard. With
   * `onlyWithoutResponses`, the write holds only while no response has been counted.
   */
  async replace(
    previous: Survey,
    next: Survey,
    options: { onlyWithoutResponses: boolean; newLink?: SurveyLink },
  ): Promise<void> {
    const items: TransactItem[] = [
      {
        Put: {
          Item: this.surveyItem(next),
          ConditionExpression: 'version = :version',
          ExpressionAttributeValues: { ':version': previous.version },
        },
      },
    ];
    for (let shard = 0; shard < COUNTER_SHARDS; shard++)
      items.push({
        Update: {
          Key: shardKey(next.id, shard),
          UpdateExpression: 'SET surveyVersion = :next',
          ...(options.onlyWithoutResponses && {
            ConditionExpression: 'attribute_not_exists(responses) OR responses = :zero',
          }),
          ExpressionAttributeValues: { ':next': next.version, ...(options.onlyWithoutResponses && { ':zero': 0 }) },
        },
      });
    // A new link is written with the change that announces it, or not at all.
    if (options.newLink)
      items.push({
        Put: {
          Item: { ...linkKey(options.newLink.tokenHash), entity: 'surveyLink', ...options.newLink },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      });
    try {
      await this.transact(items);
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (!reasons) throw error;
      if (reasons[0]?.Code === 'ConditionalCheckFailed') throw new SurveyChangedError();
      if (reasons.some((reason) => reason.Code === 'ConditionalCheckFailed')) throw new ResponsesExistError();
      throw new SurveyChangedError();
    }
  }

  /**
   * The survey's counters summed over its shards: a fixed number of small items read by key, whatever the
   * responses. Each shard is a partition of its own, so concurrent submissions also spread their writes.
   */
  async counters(surveyId: string): Promise<Counters> {
    const keys = Array.from({ length: COUNTER_SHARDS }, (_, shard) => shardKey(surveyId, shard));
    const items = await batchGet(this.client, this.tableName, keys, { consistentRead: true });
    return sumCounters(items.map(({ pk, sk, surveyVersion, ...counters }) => counters as Counters));
  }

  async getLink(tokenHash: string): Promise<SurveyLink | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: linkKey(tokenHash), ConsistentRead: true }),
    );
    return Item ? strip<SurveyLink>(Item) : undefined;
  }

  /** The invitations these contacts already hold. */
  async invitationsOf(surveyId: string, contactIds: readonly string[]): Promise<Map<string, Invitation>> {
    const keys = contactIds.map((id) => inviteKey(surveyId, id));
    const items = await batchGet(this.client, this.tableName, keys, { consistentRead: true });
    return new Map(
      items.map((item) => strip<Invitation>(item)).map((invitation) => [invitation.contactId, invitation]),
    );
  }

  async invitation(surveyId: string, contactId: string): Promise<Invitation | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: inviteKey(surveyId, contactId), ConsistentRead: true }),
    );
    return Item ? strip<Invitation>(Item) : undefined;
  }

  /**
   * Writes invitations and their links at once, and counts them (overall, by ward and language) in one shard, all or
   * nothing. False when a contact was invited meanwhile: the caller checks again and retries the others.
   */
  async invite(surveyId: string, invitations: readonly Invitation[], shard: number): Promise<boolean> {
    const items: TransactItem[] = invitations.flatMap((invitation) => [
      {
        Put: {
          Item: { ...inviteKey(surveyId, invitation.contactId), entity: 'surveyInvitation', ...invitation },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          Item: {
            ...linkKey(invitation.tokenHash),
            entity: 'surveyLink',
            tokenHash: invitation.tokenHash,
            surveyId,
            kind: 'personal',
            contactId: invitation.contactId,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ]);
    const counted = sumCounters(invitations.map((invitation) => distributionCounters('invited', invitation, 1)));
    items.push(this.addCounters(surveyId, shard, counted));
    try {
      await this.transact(items);
      return true;
    } catch (error) {
      if (cancellationReasons(error)?.some((reason) => reason.Code === 'ConditionalCheckFailed')) return false;
      throw error;
    }
  }

  /** Revokes a contact's link; a link not yet answered no longer counts as invited. False when none is live. */
  async revoke(surveyId: string, invitation: Invitation, shard: number): Promise<boolean> {
    const items: TransactItem[] = [
      {
        Update: {
          Key: inviteKey(surveyId, invitation.contactId),
          UpdateExpression: 'SET revoked = :true',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(revoked) AND responded = :responded',
          ExpressionAttributeValues: { ':true': true, ':responded': invitation.responded },
        },
      },
      {
        Update: {
          Key: linkKey(invitation.tokenHash),
          UpdateExpression: 'SET revoked = :true',
          ExpressionAttributeValues: { ':true': true },
        },
      },
    ];
    if (!invitation.responded)
      items.push(this.addCounters(surveyId, shard, distributionCounters('invited', invitation, -1)));
    try {
      await this.transact(items);
      return true;
    } catch (error) {
      if (cancellationReasons(error)?.[0]?.Code === 'ConditionalCheckFailed') return false;
      throw error;
    }
  }

  /**
   * A survey's invitations a page at a time, optionally only those answered or not (reminders go to the
   * latter); revoked links are left out of either. Up to READ_BUDGET queries fill a page.
   */
  async invitations(
    surveyId: string,
    filter: { responded?: boolean },
    limit: number,
    cursor?: string,
  ): Promise<{ items: Invitation[]; nextCursor?: string }> {
    const page = await this.pageOf(surveyId, 'INVITE#', limit, cursor, {
      ...(filter.responded !== undefined && {
        FilterExpression: 'responded = :responded AND attribute_not_exists(revoked)',
        ExpressionAttributeValues: { ':responded': filter.responded },
      }),
    });
    return { ...page, items: page.items.map((item) => strip<Invitation>(item)) };
  }

  async response(surveyId: string, key: string): Promise<StoredResponse | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: responseKey(surveyId, key), ConsistentRead: true }),
    );
    return Item ? strip<StoredResponse>(Item) : undefined;
  }

  /**
   * Saves a response and adds what it changes to the counters, in one transaction: the response on condition
   * that it is still the revision we read (or still absent), the counters on condition that the survey is still
   * the version the answers were checked against, and on a first answer through a personal link the
   * invitation's responded mark.
   */
  async saveResponse(input: {
    surveyId: string;
    surveyVersion: number;
    response: StoredResponse;
    previousRevision?: number;
    change: Counters;
    shard: number;
    firstAnswerOf?: Invitation;
  }): Promise<void> {
    const { surveyId, response, previousRevision, shard } = input;
    const items: TransactItem[] = [
      {
        Put: {
          Item: { ...responseKey(surveyId, response.key), entity: 'surveyResponse', ...response },
          ConditionExpression:
            previousRevision === undefined ? 'attribute_not_exists(pk)' : 'revision = :previousRevision',
          ...(previousRevision !== undefined && {
            ExpressionAttributeValues: { ':previousRevision': previousRevision },
          }),
        },
      },
    ];
    const change = input.firstAnswerOf
      ? sumCounters([input.change, distributionCounters('responded', input.firstAnswerOf, 1)])
      : input.change;
    if (input.firstAnswerOf) {
      items.push({
        Update: {
          Key: inviteKey(surveyId, input.firstAnswerOf.contactId),
          UpdateExpression: 'SET responded = :true',
          ConditionExpression: 'responded = :false AND attribute_not_exists(revoked)',
          ExpressionAttributeValues: { ':true': true, ':false': false },
        },
      });
    }
    // Each part of the change goes to its own shard: a transaction may touch an item only once.
    const names = Object.keys(change);
    const parts = names.length === 0 ? [[]] : chunks(names, COUNTERS_PER_UPDATE);
    parts.forEach((part, offset) => {
      const counters = Object.fromEntries(part.map((name) => [name, change[name] as number]));
      items.push(this.addCounters(surveyId, (shard + offset) % COUNTER_SHARDS, counters, input.surveyVersion));
    });
    try {
      await this.transact(items);
    } catch (error) {
      if (cancellationReasons(error)) throw new ResponseRaceError();
      throw error;
    }
  }

  /** Responses a page at a time, in key order (not submission order: keys are hashes). */
  async responses(
    surveyId: string,
    limit: number,
    cursor?: string,
  ): Promise<{ items: StoredResponse[]; nextCursor?: string }> {
    const page = await this.pageOf(surveyId, 'RESPONSE#', limit, cursor);
    return { ...page, items: page.items.map((item) => strip<StoredResponse>(item)) };
  }

  /**
   * The answers to one question, a page at a time. Responses that skipped it are passed over, at most
   * READ_BUDGET queries a page; the cursor then continues after the last response read.
   */
  async textAnswers(
    surveyId: string,
    questionId: string,
    limit: number,
    cursor?: string,
  ): Promise<{ items: { text: string; updatedAt: string }[]; nextCursor?: string }> {
    const page = await this.pageOf(surveyId, 'RESPONSE#', limit, cursor, {
      FilterExpression: 'attribute_exists(answers.#question)',
      ProjectionExpression: 'answers.#question, updatedAt',
      ExpressionAttributeNames: { '#question': questionId },
    });
    return {
      ...page,
      items: page.items.map((item) => ({
        text: (item.answers as Record<string, string>)[questionId] as string,
        updatedAt: item.updatedAt as string,
      })),
    };
  }

  /**
   * One page of a survey's items of one kind (its sort-key prefix), in key order. With a filter, up to
   * READ_BUDGET queries fill the page; the cursor continues after the last item read, so a page may come
   * back short with a cursor.
   */
  private async pageOf(
    surveyId: string,
    prefix: string,
    limit: number,
    cursor: string | undefined,
    narrowing: {
      FilterExpression?: string;
      ProjectionExpression?: string;
      ExpressionAttributeNames?: Record<string, string>;
      ExpressionAttributeValues?: Record<string, unknown>;
    } = {},
  ): Promise<{ items: Record<string, unknown>[]; nextCursor?: string }> {
    const partition = `SURVEY#${surveyId}`;
    const items: Record<string, unknown>[] = [];
    let startKey = cursor
      ? decodeCursor(cursor, { partitionKey: 'pk', partitionValue: partition, attributes: ['pk', 'sk'] })
      : undefined;
    for (let reads = 0; reads < READ_BUDGET && items.length < limit; reads++) {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ...narrowing,
          ExpressionAttributeValues: { ':pk': partition, ':prefix': prefix, ...narrowing.ExpressionAttributeValues },
          Limit: limit - items.length,
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey as Record<string, string> | undefined;
      if (!startKey) break;
    }
    return { items, ...(startKey && { nextCursor: encodeCursor(startKey) }) };
  }

  private surveyItem(survey: Survey) {
    return {
      ...surveyKey(survey.id),
      entity: 'survey',
      gsi1pk: 'SURVEY',
      gsi1sk: `${survey.createdAt}#${survey.id}`,
      ...survey,
    };
  }

  /**
   * Adds to counters of one shard; with a version, only while the shard holds that survey version (a change
   * that adds nothing still checks it).
   */
  private addCounters(surveyId: string, shard: number, counters: Counters, surveyVersion?: number): TransactItem {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const additions = Object.entries(counters).map(([name, value], index) => {
      names[`#c${index}`] = name;
      values[`:c${index}`] = value;
      return `#c${index} :c${index}`;
    });
    const versionCheck = surveyVersion !== undefined && {
      ConditionExpression: 'attribute_not_exists(surveyVersion) OR surveyVersion = :surveyVersion',
    };
    if (surveyVersion !== undefined) values[':surveyVersion'] = surveyVersion;
    if (additions.length === 0)
      return { ConditionCheck: { Key: shardKey(surveyId, shard), ...versionCheck, ExpressionAttributeValues: values } };
    return {
      Update: {
        Key: shardKey(surveyId, shard),
        UpdateExpression: `ADD ${additions.join(', ')}`,
        ...versionCheck,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  }

  private async transact(items: TransactItem[]): Promise<void> {
    const withTable = items.map((item) => {
      const [kind, body] = Object.entries(item)[0] as [string, Record<string, unknown>];
      return { [kind]: { TableName: this.tableName, ...body } };
    });
    await this.client.send(new TransactWriteCommand({ TransactItems: withTable as never }));
  }
}

const chunks = <T>(values: readonly T[], size: number): T[][] => {
  const result: T[][] = [];
  for (let start = 0; start < values.length; start += size) result.push(values.slice(start, start + size));
  return result;
};
