// Over 300 lines, on purpose. A survey's definition, counters, invitations, links and responses are written in transactions that span
// them (a change stamps its version on every counter shard, a response counts on that version, a first
// answer marks its invitation): those writes stay in one module so that every condition is read in one place.
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { batchGet } from '../core/db/batch-get';
import { collectionPage, indexPage, type PageNarrowing } from '../core/db/collection-page';
import { ITEM_IS_NEW } from '../core/db/entity';
import { cancellationReasons, type TransactItem, transactWrite } from '../core/db/transactions';
import {
  counterShardEntity,
  type Invitation,
  invitationEntity,
  linkEntity,
  responseEntity,
  type StoredResponse,
  type SurveyLink,
  surveyEntity,
} from './entities';
import type { Survey } from './survey';
import { addCounters, COUNTER_SHARDS, counterChangeItems } from './survey-counter-updates';
import { type Counters, distributionCounters, sumCounters, type TextAnswersPage } from './survey-results';

/**
 * Surveys in the single table: keys in ./entities.ts, access patterns in docs/data-model.md.
 *
 * Results are counters spread over COUNTER_SHARDS items, so that concurrent submissions rarely touch the same
 * item. Every change to a survey writes its new version to every shard; a response is saved on condition that
 * its shard still holds the version the answers were checked against, so a response can never land on a
 * definition (or a status) it was not checked against. A change that would invalidate answers is written on
 * condition that no shard has counted a response.
 */
export { COUNTER_SHARDS } from './survey-counter-updates';

/** Queries one page of a filtered listing may take. */
const READ_BUDGET = 10;

export type { Invitation, StoredResponse, SurveyLink } from './entities';

export class SurveyChangedError extends Error {}
export class ResponsesExistError extends Error {}
/** The response, its shard or the survey moved on between our read and our write: read again and retry. */
export class ResponseRaceError extends Error {}

export class SurveysRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(survey: Survey): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: surveyEntity.item(survey),
        ConditionExpression: ITEM_IS_NEW,
      }),
    );
  }

  async get(id: string): Promise<Survey | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: surveyEntity.key(id), ConsistentRead: true }),
    );
    return Item ? surveyEntity.read(Item) : undefined;
  }

  /** Surveys, newest first, a page at a time. */
  async list(limit: number, cursor?: string): Promise<{ items: Survey[]; nextCursor?: string }> {
    const page = await indexPage(this.client, this.tableName, {
      entity: surveyEntity,
      role: 'byKind',
      limit,
      cursor,
      newestFirst: true,
    });
    return { ...page, items: page.items.map((item) => surveyEntity.read(item)) };
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
          Item: surveyEntity.item(next),
          ConditionExpression: 'version = :version',
          ExpressionAttributeValues: { ':version': previous.version },
        },
      },
    ];
    for (let shard = 0; shard < COUNTER_SHARDS; shard++)
      items.push({
        Update: {
          Key: counterShardEntity.key(next.id, shard),
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
          Item: linkEntity.item(options.newLink),
          ConditionExpression: ITEM_IS_NEW,
        },
      });
    try {
      await transactWrite(this.client, this.tableName, items);
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
    const keys = Array.from({ length: COUNTER_SHARDS }, (_, shard) => counterShardEntity.key(surveyId, shard));
    const items = await batchGet(this.client, this.tableName, keys, { consistentRead: true });
    return sumCounters(items.map(({ pk, sk, surveyVersion, ...counters }) => counters as Counters));
  }

  async getLink(tokenHash: string): Promise<SurveyLink | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: linkEntity.key(tokenHash), ConsistentRead: true }),
    );
    return Item ? linkEntity.read(Item) : undefined;
  }

  /** The invitations these contacts already hold. */
  async invitationsOf(surveyId: string, contactIds: readonly string[]): Promise<Map<string, Invitation>> {
    const keys = contactIds.map((id) => invitationEntity.key(surveyId, id));
    const items = await batchGet(this.client, this.tableName, keys, { consistentRead: true });
    return new Map(
      items.map((item) => invitationEntity.read(item)).map((invitation) => [invitation.contactId, invitation]),
    );
  }

  async invitation(surveyId: string, contactId: string): Promise<Invitation | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: invitationEntity.key(surveyId, contactId),
        ConsistentRead: true,
      }),
    );
    return Item ? invitationEntity.read(Item) : undefined;
  }

  /**
   * Writes invitations and their links at once, and counts them (overall, by ward and language) in one shard, all or
   * nothing. False when a contact was invited meanwhile: the caller checks again and retries the others.
   */
  async invite(surveyId: string, invitations: readonly Invitation[], shard: number): Promise<boolean> {
    const items: TransactItem[] = invitations.flatMap((invitation) => [
      {
        Put: {
          Item: invitationEntity.item({ ...invitation, surveyId }),
          ConditionExpression: ITEM_IS_NEW,
        },
      },
      {
        Put: {
          Item: linkEntity.item({
            tokenHash: invitation.tokenHash,
            surveyId,
            kind: 'personal',
            contactId: invitation.contactId,
          }),
          ConditionExpression: ITEM_IS_NEW,
        },
      },
    ]);
    const counted = sumCounters(invitations.map((invitation) => distributionCounters('invited', invitation, 1)));
    items.push(addCounters(surveyId, shard, counted));
    try {
      await transactWrite(this.client, this.tableName, items);
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
          Key: invitationEntity.key(surveyId, invitation.contactId),
          UpdateExpression: 'SET revoked = :true',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(revoked) AND responded = :responded',
          ExpressionAttributeValues: { ':true': true, ':responded': invitation.responded },
        },
      },
      {
        Update: {
          Key: linkEntity.key(invitation.tokenHash),
          UpdateExpression: 'SET revoked = :true',
          ExpressionAttributeValues: { ':true': true },
        },
      },
    ];
    if (!invitation.responded)
      items.push(addCounters(surveyId, shard, distributionCounters('invited', invitation, -1)));
    try {
      await transactWrite(this.client, this.tableName, items);
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
    const page = await this.surveyPage(invitationEntity, surveyId, limit, cursor, {
      ...(filter.responded !== undefined && {
        FilterExpression: 'responded = :responded AND attribute_not_exists(revoked)',
        ExpressionAttributeValues: { ':responded': filter.responded },
      }),
    });
    return { ...page, items: page.items.map((item) => invitationEntity.read(item)) };
  }

  async response(surveyId: string, key: string): Promise<StoredResponse | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: responseEntity.key(surveyId, key), ConsistentRead: true }),
    );
    return Item ? responseEntity.read(Item) : undefined;
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
          Item: responseEntity.item({ ...response, surveyId }),
          ConditionExpression: previousRevision === undefined ? ITEM_IS_NEW : 'revision = :previousRevision',
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
          Key: invitationEntity.key(surveyId, input.firstAnswerOf.contactId),
          UpdateExpression: 'SET responded = :true',
          ConditionExpression: 'responded = :false AND attribute_not_exists(revoked)',
          ExpressionAttributeValues: { ':true': true, ':false': false },
        },
      });
    }
    items.push(...counterChangeItems(surveyId, shard, change, input.surveyVersion));
    try {
      await transactWrite(this.client, this.tableName, items);
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
    const page = await this.surveyPage(responseEntity, surveyId, limit, cursor);
    return { ...page, items: page.items.map((item) => responseEntity.read(item)) };
  }

  /**
   * The answers to one question, a page at a time. Responses that skipped it are passed over, at most
   * READ_BUDGET queries a page; the cursor then continues after the last response read.
   */
  async textAnswers(surveyId: string, questionId: string, limit: number, cursor?: string): Promise<TextAnswersPage> {
    const page = await this.surveyPage(responseEntity, surveyId, limit, cursor, {
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

  /** A page of one kind of a survey's items (invitations, responses), narrowed by a filter or a projection. */
  private surveyPage(
    entity: typeof invitationEntity | typeof responseEntity,
    surveyId: string,
    limit: number,
    cursor: string | undefined,
    narrowing?: PageNarrowing,
  ) {
    return collectionPage(this.client, this.tableName, {
      entity,
      parts: [surveyId],
      limit,
      cursor,
      readBudget: READ_BUDGET,
      ...(narrowing && { narrowing }),
    });
  }
}
