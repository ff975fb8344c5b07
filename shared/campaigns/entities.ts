import type { Channel } from '../contacts/contact';
import { defineEntity } from '../core/db/entity';
import type { Campaign, SkipReason } from './campaign';

export const DELIVERY_STATUSES = [
  'sending',
  'sent',
  'delivered',
  'bounced',
  'complained',
  'failed',
  'skipped',
] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * One recipient of a campaign: claimed (`sending`, with a lease) before the send, recorded after. The claim is
 * what keeps a recipient from a second message whatever SQS delivers twice.
 */
export interface Delivery {
  campaignId: string;
  contactId: string;
  status: DeliveryStatus;
  reason?: SkipReason | string;
  messageId?: string;
  /** The send call this recipient's claim belongs to (see sendCallEntity). */
  callId?: string;
  /** Until when the claim holds: a claim left by an attempt that died is taken over after it. */
  leaseUntil?: number;
  updatedAt: string;
}

/**
 * Campaigns in the single table (docs/data-model.md): a campaign and its deliveries share its partition, found by
 * the recipient's contact id; campaigns are listed newest first through the kind index.
 */
export const campaignEntity = defineEntity<Campaign, [id: string], 'audiencePage'>({
  entity: 'campaign',
  key: (id) => ({ pk: `CAMPAIGN#${id}`, sk: 'CAMPAIGN' }),
  identify: (campaign) => [campaign.id],
  indexes: {
    byKind: {
      partition: () => 'CAMPAIGN',
      partitionOf: () => [],
      sortOf: (campaign) => `${campaign.createdAt}#${campaign.id}`,
    },
  },
  /** Which page of the current run's audience was enqueued last: the audience job's bookmark. */
  stored: ['audiencePage'],
});

export const deliveryEntity = defineEntity<Delivery, [campaignId: string, contactId: string]>({
  entity: 'campaignDelivery',
  key: (campaignId, contactId) => ({ pk: `CAMPAIGN#${campaignId}`, sk: `DELIVERY#${contactId}` }),
  identify: (delivery) => [delivery.campaignId, delivery.contactId],
  collection: (campaignId) => ({ pk: `CAMPAIGN#${campaignId}`, skPrefix: 'DELIVERY#' }),
});

/**
 * Written just before a send call and removed once its outcome is recorded. A claim whose lease ran out while
 * its call's marker still stands may have been sent (the attempt died after SES accepted it): that recipient
 * is not sent again, and their delivery waits for SES's event instead.
 */
export const sendCallEntity = defineEntity({
  entity: 'campaignSendCall',
  key: (campaignId: string, callId: string) => ({ pk: `CAMPAIGN#${campaignId}`, sk: `CALL#${callId}` }),
  identify: (call: { campaignId: string; callId: string; at: string }): [string, string] => [
    call.campaignId,
    call.callId,
  ],
});

/** An address no campaign sends to again: it bounced permanently, or its owner complained. */
export interface Suppression {
  channel: Channel;
  address: string;
  reason: 'bounce' | 'complaint';
  at: string;
  campaignId?: string;
}

export const suppressionEntity = defineEntity({
  entity: 'suppression',
  key: (channel: Channel, address: string) => ({ pk: `SUPPRESSION#${channel}#${address}`, sk: 'SUPPRESSION' }),
  identify: (suppression: Suppression): [Channel, string] => [suppression.channel, suppression.address],
  partitionPrefixes: ['SUPPRESSION#*'],
});
