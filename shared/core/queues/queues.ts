import type { TableItems } from '../db/table-items';

/**
 * The queues, the topics that feed some of them, and the functions that consume them, declared once: the CDK
 * stack deploys each queue with its dead-letter queue and an event source mapping, the local runner creates
 * them in the SQS stand-in and polls them with the same batch size, concurrency cap and partial-batch rules.
 */
export interface QueueDeclaration {
  logicalName: string;
  /** The variable that hands producers the queue's URL. */
  environmentVariable: string;
  /** Receives before a message goes to the dead-letter queue. */
  maxReceiveCount: number;
  /** The SNS topic this queue is subscribed to, if it is fed by one. */
  topic?: TopicName;
}

export const TOPICS = {
  /** SES's delivery, bounce and complaint events, from the configuration set's event destination. */
  messageEvents: { logicalName: 'voxcitio-message-events', environmentVariable: 'MESSAGE_EVENTS_TOPIC_ARN' },
  /** Two-way SMS: replies to the campaign number (its TwoWayChannelArn), STOP among them. */
  smsReplies: { logicalName: 'voxcitio-sms-replies', environmentVariable: 'SMS_REPLIES_TOPIC_ARN' },
} as const;
export type TopicName = keyof typeof TOPICS;

export const QUEUES = {
  /** One message per page of a campaign's audience: reading it enqueues the page's recipients in chunks. */
  campaignAudience: {
    logicalName: 'voxcitio-campaign-audience',
    environmentVariable: 'CAMPAIGN_AUDIENCE_QUEUE_URL',
    maxReceiveCount: 5,
  },
  /** One message per chunk of a campaign's recipients (at most one bulk call's worth). */
  campaignSends: {
    logicalName: 'voxcitio-campaign-sends',
    environmentVariable: 'CAMPAIGN_SENDS_QUEUE_URL',
    // A chunk comes back after throttling as well as after a fault: room for both before it is poisoned.
    maxReceiveCount: 10,
  },
  messageEvents: {
    logicalName: 'voxcitio-message-events',
    environmentVariable: 'MESSAGE_EVENTS_QUEUE_URL',
    maxReceiveCount: 5,
    topic: 'messageEvents',
  },
  smsReplies: {
    logicalName: 'voxcitio-sms-replies',
    environmentVariable: 'SMS_REPLIES_QUEUE_URL',
    maxReceiveCount: 5,
    topic: 'smsReplies',
  },
} as const satisfies Record<string, QueueDeclaration>;
export type QueueName = keyof typeof QUEUES;

/** A dead-letter queue is named after its queue. */
export const deadLetterQueueName = (queue: QueueName) => `${QUEUES[queue].logicalName}-dlq`;

export interface QueueTrigger {
  name: string;
  queue: QueueName;
  /** Module under `functions/` that exports `handler`, without extension. */
  handler: string;
  /** Messages per invocation (at most 10 here: no batching window is declared). */
  batchSize: number;
  /** Concurrent invocations the event source starts at most (2 is Lambda's floor); reserved to the function too. */
  maxConcurrency: number;
  timeoutSeconds: number;
  table: 'none' | 'read' | 'readWrite';
  /** Which items: what IAM grants it (and the local runner checks). */
  items?: TableItems;
  /** Queues it sends to. */
  sendsTo?: readonly QueueName[];
  /** Whether it sends mail through SES. */
  sendsEmail?: boolean;
  /** Whether it sends SMS through End User Messaging. */
  sendsSms?: boolean;
  description: string;
}

/**
 * A message comes back once its visibility timeout passes after a failed attempt: six times the consumer's
 * timeout, as AWS advises for Lambda event sources, so that a slow attempt never overlaps the next.
 */
export const visibilityTimeoutSeconds = (trigger: Pick<QueueTrigger, 'timeoutSeconds'>) => trigger.timeoutSeconds * 6;

export const QUEUE_TRIGGERS: QueueTrigger[] = [
  {
    name: 'enqueueCampaignAudience',
    queue: 'campaignAudience',
    handler: 'campaigns/enqueue-audience',
    batchSize: 1,
    maxConcurrency: 2,
    timeoutSeconds: 60,
    table: 'readWrite',
    items: {
      read: ['segment', 'surveyInvitation'],
      write: ['campaign'],
      indexes: ['contact'],
    },
    sendsTo: ['campaignAudience', 'campaignSends'],
    description: 'Reads a page of a campaign’s audience and enqueues its recipients in chunks',
  },
  {
    name: 'sendCampaignMessages',
    queue: 'campaignSends',
    handler: 'campaigns/send-messages',
    batchSize: 1,
    maxConcurrency: 2,
    timeoutSeconds: 60,
    table: 'readWrite',
    items: {
      read: ['contact', 'suppression'],
      write: ['campaign', 'campaignDelivery', 'survey', 'surveyLink', 'surveyCounters'],
    },
    sendsEmail: true,
    sendsSms: true,
    description: 'Sends one chunk of a campaign’s messages, each recipient at most once, paced to the SES rate',
  },
  {
    name: 'recordMessageEvents',
    queue: 'messageEvents',
    handler: 'campaigns/record-events',
    batchSize: 10,
    maxConcurrency: 2,
    timeoutSeconds: 30,
    table: 'readWrite',
    items: { write: ['campaign', 'campaignDelivery', 'suppression'] },
    description: 'Records SES delivery, bounce and complaint events on deliveries; suppresses bounced addresses',
  },
  {
    name: 'recordSmsReplies',
    queue: 'smsReplies',
    handler: 'campaigns/record-sms-replies',
    batchSize: 10,
    maxConcurrency: 2,
    timeoutSeconds: 30,
    table: 'readWrite',
    items: { write: ['contact', 'contactClaim'] },
    description: 'Withdraws a contact’s SMS consent when they reply STOP (or another opt-out keyword)',
  },
];
