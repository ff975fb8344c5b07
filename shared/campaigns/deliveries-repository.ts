import { DeleteCommand, type DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Channel } from '../contacts/contact';
import { batchGet } from '../core/db/batch-get';
import { collectionPage } from '../core/db/collection-page';
import { ITEM_IS_NEW } from '../core/db/entity';
import type { SkipReason } from './campaign';
import {
  type Delivery,
  type DeliveryStatus,
  deliveryEntity,
  type Suppression,
  sendCallEntity,
  suppressionEntity,
} from './entities';

const isConditionFailure = (error: unknown) => (error as Error).name === 'ConditionalCheckFailedException';

/** What claiming a recipient found. */
export type Claim =
  | { outcome: 'claimed' }
  /** Another attempt holds the recipient, or is done with them. */
  | { outcome: 'taken'; delivery: Delivery };

/**
 * A campaign's deliveries, its send-call markers and the suppression list (keys in ./entities.ts). Every write
 * that decides who is sent to is conditional, so that two attempts at the same chunk never both send.
 */
export class DeliveriesRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Claims a recipient for a send call: a recipient with no delivery yet, or one whose claim's lease ran out.
   * A lapsed claim whose call was marked as started is not taken over: that call may have reached SES.
   */
  async claim(campaignId: string, contactId: string, callId: string, leaseMs: number, now: Date): Promise<Claim> {
    const delivery: Delivery = {
      campaignId,
      contactId,
      status: 'sending',
      callId,
      leaseUntil: now.getTime() + leaseMs,
      updatedAt: now.toISOString(),
    };
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: deliveryEntity.item(delivery),
          ConditionExpression: `${ITEM_IS_NEW} OR (#status = :sending AND #leaseUntil < :now)`,
          ExpressionAttributeNames: { '#status': 'status', '#leaseUntil': 'leaseUntil' },
          ExpressionAttributeValues: { ':sending': 'sending', ':now': now.getTime() },
          ReturnValues: 'ALL_OLD',
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const item = (error as { Item?: Record<string, unknown> }).Item;
      return { outcome: 'taken', delivery: item ? deliveryEntity.read(item) : delivery };
    }
    return { outcome: 'claimed' };
  }

  /** The deliveries these recipients already have. */
  async existing(campaignId: string, contactIds: readonly string[]): Promise<Map<string, Delivery>> {
    const items = await batchGet(
      this.client,
      this.tableName,
      contactIds.map((contactId) => deliveryEntity.key(campaignId, contactId)),
      { consistentRead: true },
    );
    return new Map(items.map((item) => deliveryEntity.read(item)).map((delivery) => [delivery.contactId, delivery]));
  }

  /** Records a recipient skipped; false when they already have a delivery (done by an earlier attempt). */
  async skip(campaignId: string, contactId: string, reason: SkipReason, now: Date): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: deliveryEntity.item({ campaignId, contactId, status: 'skipped', reason, updatedAt: now.toISOString() }),
          ConditionExpression: `${ITEM_IS_NEW} OR (#status = :sending AND #leaseUntil < :now)`,
          ExpressionAttributeNames: { '#status': 'status', '#leaseUntil': 'leaseUntil' },
          ExpressionAttributeValues: { ':sending': 'sending', ':now': now.getTime() },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** Marks a send call as started: written before the call, removed once its outcome is recorded. */
  async markCall(campaignId: string, callId: string, now: Date): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: sendCallEntity.item({ campaignId, callId, at: now.toISOString() }),
      }),
    );
  }

  async clearCall(campaignId: string, callId: string): Promise<void> {
    await this.client.send(
      new DeleteCommand({ TableName: this.tableName, Key: sendCallEntity.key(campaignId, callId) }),
    );
  }

  /** Which of these send calls were marked as started and never cleared. */
  async startedCalls(campaignId: string, callIds: readonly string[]): Promise<Set<string>> {
    const items = await batchGet(
      this.client,
      this.tableName,
      [...new Set(callIds)].map((callId) => sendCallEntity.key(campaignId, callId)),
      { consistentRead: true },
    );
    return new Set(items.map((item) => String(item.callId)));
  }

  /**
   * Records a claimed recipient's outcome, if the claim is still this call's; false when it is not (SES's event
   * got there first, say). A failure keeps its reason.
   */
  async record(
    campaignId: string,
    contactId: string,
    callId: string,
    outcome: { status: 'sent'; messageId: string } | { status: 'failed'; reason: string },
    now: Date,
  ): Promise<boolean> {
    const detail = outcome.status === 'sent' ? { messageId: outcome.messageId } : { reason: outcome.reason };
    const [name, value] = Object.entries(detail)[0] as [string, string];
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: deliveryEntity.key(campaignId, contactId),
          UpdateExpression: 'SET #status = :status, #detail = :detail, #updatedAt = :now REMOVE #leaseUntil',
          ConditionExpression: '#callId = :callId AND #status = :sending',
          ExpressionAttributeNames: {
            '#status': 'status',
            '#detail': name,
            '#updatedAt': 'updatedAt',
            '#leaseUntil': 'leaseUntil',
            '#callId': 'callId',
          },
          ExpressionAttributeValues: {
            ':status': outcome.status,
            ':detail': value,
            ':now': now.toISOString(),
            ':callId': callId,
            ':sending': 'sending',
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** Gives a claim back (its call never went out: throttled, say), so that the chunk's next attempt claims it. */
  async release(campaignId: string, contactId: string, callId: string): Promise<void> {
    try {
      await this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: deliveryEntity.key(campaignId, contactId),
          ConditionExpression: '#callId = :callId AND #status = :sending',
          ExpressionAttributeNames: { '#callId': 'callId', '#status': 'status' },
          ExpressionAttributeValues: { ':callId': callId, ':sending': 'sending' },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  /**
   * Moves a delivery to what an SES event says, unless it is already there or beyond (events arrive in any
   * order, and more than once). The status it moved from, or undefined when it did not move.
   */
  async advance(
    campaignId: string,
    contactId: string,
    to: DeliveryStatus,
    from: readonly DeliveryStatus[],
    now: Date,
  ): Promise<Delivery | undefined> {
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: deliveryEntity.key(campaignId, contactId),
          UpdateExpression: 'SET #status = :to, #updatedAt = :now REMOVE #leaseUntil',
          ConditionExpression: `#status IN (${from.map((_, i) => `:from${i}`).join(', ')})`,
          ExpressionAttributeNames: { '#status': 'status', '#updatedAt': 'updatedAt', '#leaseUntil': 'leaseUntil' },
          ExpressionAttributeValues: {
            ':to': to,
            ':now': now.toISOString(),
            ...Object.fromEntries(from.map((status, i) => [`:from${i}`, status])),
          },
          ReturnValues: 'ALL_OLD',
        }),
      );
      return Attributes ? deliveryEntity.read(Attributes) : undefined;
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }

  /** A page of a campaign's deliveries, in contact-id order; only those in `status` when given. */
  async page(campaignId: string, limit: number, cursor: string | undefined, status?: DeliveryStatus) {
    const page = await collectionPage(this.client, this.tableName, {
      entity: deliveryEntity,
      parts: [campaignId],
      limit,
      cursor,
      readBudget: 10,
      ...(status && {
        narrowing: {
          FilterExpression: '#status = :status',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':status': status },
        },
      }),
    });
    return { ...page, items: page.items.map((item) => deliveryEntity.read(item)) };
  }

  /** The addresses among these that are suppressed on the channel. */
  async suppressed(channel: Channel, addresses: readonly string[]): Promise<Set<string>> {
    if (addresses.length === 0) return new Set();
    const items = await batchGet(
      this.client,
      this.tableName,
      [...new Set(addresses)].map((address) => suppressionEntity.key(channel, address)),
    );
    return new Set(items.map((item) => String(item.address)));
  }

  /** Suppresses an address; the first reason recorded stays. */
  async suppress(suppression: Suppression): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: suppressionEntity.item(suppression),
          ConditionExpression: ITEM_IS_NEW,
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
}
