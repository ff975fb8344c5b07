import * as z from 'zod';
import { defineRoute, routeSet } from '../core/routes/route';
import { idParams, pageQuery } from '../core/routes/route-schemas';
import { campaignBodySchema, campaignSchema, SKIP_REASONS } from './campaign';
import { DELIVERY_STATUSES } from './entities';

const campaignIdParams = idParams('campaign');
/** Every language's HTML and text: more room than the default body limit. */
const CAMPAIGN_BODY_BYTES = 1024 * 1024;

const campaignViewSchema = campaignSchema.extend({
  progress: z.object({
    perSecond: z.number().describe('Recipients handled per second since the campaign started'),
    secondsLeft: z.number().nullable().describe('At that rate, until the queue is empty (while sending)'),
  }),
});
const campaignPageSchema = z.object({ items: z.array(campaignSchema), nextCursor: z.string().optional() });
const previewSchema = z.union([
  z.object({
    channel: z.literal('email'),
    contactId: z.string(),
    to: z.string().nullable(),
    language: z.string().describe('The content’s language this contact gets'),
    subject: z.string(),
    html: z.string(),
    text: z.string(),
    headers: z.record(z.string(), z.string()).describe('List-Unsubscribe and List-Unsubscribe-Post as sent'),
  }),
  z.object({
    channel: z.literal('sms'),
    contactId: z.string(),
    to: z.string().nullable(),
    language: z.string(),
    text: z.string().describe('As sent: typographic quotes and dashes replaced as counted'),
    encoding: z.enum(['GSM-7', 'UCS-2']),
    segments: z.number().int().describe('Message parts, each billed'),
    nonGsmCharacters: z.array(z.string()).describe('The characters that force UCS-2 (70 a part instead of 160)'),
  }),
]);
const deliveryPageSchema = z.object({
  items: z.array(
    z.object({
      contactId: z.string(),
      status: z.enum(DELIVERY_STATUSES),
      reason: z.string().optional(),
      messageId: z.string().optional(),
      updatedAt: z.string(),
    }),
  ),
  nextCursor: z.string().optional(),
});
const audienceCountSchema = z.object({
  eligible: z.number().int().describe('Who would be sent the message now'),
  skipped: z.record(z.enum(SKIP_REASONS), z.number().int()).describe('Who would be skipped, by reason'),
  sms: z
    .object({
      segments: z.number().int().describe('Message parts the eligible recipients’ texts make (each billed)'),
      estimatedCost: z.number().describe('segments × smsPricePerSegment'),
    })
    .optional(),
  complete: z.boolean().describe('Whether the whole audience was counted (else call again with nextCursor and add up)'),
  nextCursor: z.string().optional(),
});
const conflict = { description: 'Not in a status that allows this (the message says which)' };
const notFound = { description: 'No such campaign' };

/** Campaigns as staff write, check, send and follow them. */
export const campaignRoutes = routeSet({
  createCampaign: defineRoute({
    method: 'POST',
    path: '/campaigns',
    handler: 'campaigns/create',
    access: { kind: 'staff', role: 'staff' },
    table: 'readWrite',
    items: { read: ['segment', 'survey'], write: ['campaign'] },
    summary: 'Create a campaign (a draft): its audience, and its content per language with merge fields',
    tag: 'campaigns',
    request: { body: campaignBodySchema, maxBodyBytes: CAMPAIGN_BODY_BYTES },
    responses: {
      201: { description: 'The draft', schema: campaignSchema },
      404: { description: 'No such segment or survey' },
    },
  }),
  listCampaigns: defineRoute({
    method: 'GET',
    path: '/campaigns',
    handler: 'campaigns/list',
    access: { kind: 'staff', role: 'viewer' },
    table: 'read',
    items: { indexes: ['campaign'] },
    summary: 'Campaigns, newest first, a page at a time',
    tag: 'campaigns',
    request: { query: pageQuery },
    responses: { 200: { description: 'One page of campaigns', schema: campaignPageSchema } },
  }),
  getCampaign: defineRoute({
    method: 'GET',
    path: '/campaigns/{id}',
    handler: 'campaigns/get',
    access: { kind: 'staff', role: 'viewer' },
    table: 'read',
    items: { read: ['campaign'] },
    summary: 'A campaign with its counts by status, its rate and the time left while it sends',
    tag: 'campaigns',
    request: { params: campaignIdParams },
    responses: { 200: { description: 'The campaign', schema: campaignViewSchema }, 404: notFound },
  }),
  updateCampaign: defineRoute({
    method: 'PUT',
    path: '/campaigns/{id}',
    handler: 'campaigns/update',
    access: { kind: 'staff', role: 'staff' },
    table: 'readWrite',
    items: { read: ['segment', 'survey'], write: ['campaign'] },
    summary: 'Replace a draft’s (or a scheduled campaign’s) definition',
    tag: 'campaigns',
    request: { params: campaignIdParams, body: campaignBodySchema, maxBodyBytes: CAMPAIGN_BODY_BYTES },
    responses: { 200: { description: 'The campaign', schema: campaignSchema }, 404: notFound, 409: conflict },
  }),
  previewCampaign: defineRoute({
    method: 'GET',
    path: '/campaigns/{id}/preview',
    handler: 'campaigns/preview',
    access: { kind: 'staff', role: 'staff' },
    table: 'read',
    items: { read: ['campaign', 'contact'] },
    summary: 'Exactly what one contact would receive: their language, every part merged, the unsubscribe headers',
    tag: 'campaigns',
    request: { params: campaignIdParams, query: z.strictObject({ contactId: z.uuid() }) },
    responses: { 200: { description: 'The message', schema: previewSchema }, 404: notFound },
  }),
  countCampaignAudience: defineRoute({
    method: 'GET',
    path: '/campaigns/{id}/audience',
    handler: 'campaigns/audience',
    access: { kind: 'staff', role: 'staff' },
    table: 'read',
    items: { read: ['campaign', 'segment', 'contact', 'suppression', 'surveyInvitation'], indexes: ['contact'] },
    summary:
      'Count the audience before sending: who is eligible, and who would be skipped by reason (no consent, refused, suppressed, no address ...)',
    tag: 'campaigns',
    request: { params: campaignIdParams, query: z.strictObject({ cursor: z.string().min(1).max(2000).optional() }) },
    timeoutSeconds: 29,
    responses: { 200: { description: 'The counts', schema: audienceCountSchema }, 404: notFound },
  }),
  testCampaign: defineRoute({
    method: 'POST',
    path: '/campaigns/{id}/test',
    handler: 'campaigns/test',
    access: { kind: 'staff', role: 'staff' },
    table: 'read',
    items: { read: ['campaign', 'contact'] },
    sendsEmail: true,
    sendsSms: true,
    summary: 'Send the message, marked [Test], to staff addresses (as a contact would get it, if one is named)',
    tag: 'campaigns',
    request: {
      params: campaignIdParams,
      body: z.strictObject({
        addresses: z
          .array(z.string().min(3).max(320))
          .min(1)
          .max(10)
          .describe('Staff email addresses (or phone numbers in E.164, for SMS) to send the test to'),
        contactId: z.uuid().optional().describe('Fill the merge fields as for this contact'),
      }),
    },
    responses: {
      200: {
        description: 'The test messages SES took',
        schema: z.object({
          language: z.string(),
          sent: z.array(z.object({ address: z.string(), messageId: z.string() })),
        }),
      },
      404: notFound,
    },
  }),
  sendCampaign: defineRoute({
    method: 'POST',
    path: '/campaigns/{id}/send',
    handler: 'campaigns/send',
    access: { kind: 'staff', role: 'manager' },
    table: 'readWrite',
    items: { read: ['segment', 'segmentCount', 'survey'], write: ['campaign'] },
    sendsTo: ['campaignAudience'],
    sendsEmail: true,
    summary: 'Send a draft now, or schedule it when its sendAt is ahead',
    tag: 'campaigns',
    request: { params: campaignIdParams },
    responses: {
      200: { description: 'The campaign, sending or scheduled', schema: campaignSchema },
      404: notFound,
      409: { description: 'Not a draft, its survey is not open, or more than SES may still send in 24 hours' },
    },
  }),
  pauseCampaign: defineRoute({
    method: 'POST',
    path: '/campaigns/{id}/pause',
    handler: 'campaigns/pause',
    access: { kind: 'staff', role: 'manager' },
    table: 'readWrite',
    items: { write: ['campaign'] },
    summary: 'Pause a sending campaign: no message is sent after a second or so',
    tag: 'campaigns',
    request: { params: campaignIdParams },
    responses: { 200: { description: 'The paused campaign', schema: campaignSchema }, 404: notFound, 409: conflict },
  }),
  resumeCampaign: defineRoute({
    method: 'POST',
    path: '/campaigns/{id}/resume',
    handler: 'campaigns/resume',
    access: { kind: 'staff', role: 'manager' },
    table: 'readWrite',
    items: { write: ['campaign'] },
    sendsTo: ['campaignAudience'],
    summary: 'Send a paused campaign on: those already sent to are passed over',
    tag: 'campaigns',
    request: { params: campaignIdParams },
    responses: { 200: { description: 'The campaign, sending', schema: campaignSchema }, 404: notFound, 409: conflict },
  }),
  cancelCampaign: defineRoute({
    method: 'POST',
    path: '/campaigns/{id}/cancel',
    handler: 'campaigns/cancel',
    access: { kind: 'staff', role: 'manager' },
    table: 'readWrite',
    items: { write: ['campaign'] },
    summary: 'Cancel a campaign for good: whatever is still queued is not sent',
    tag: 'campaigns',
    request: { params: campaignIdParams },
    responses: { 200: { description: 'The cancelled campaign', schema: campaignSchema }, 404: notFound, 409: conflict },
  }),
  listCampaignDeliveries: defineRoute({
    method: 'GET',
    path: '/campaigns/{id}/deliveries',
    handler: 'campaigns/deliveries',
    access: { kind: 'staff', role: 'viewer' },
    table: 'read',
    items: { read: ['campaign', 'campaignDelivery'] },
    summary: 'A campaign’s recipients and what became of each, a page at a time (one status, if given)',
    tag: 'campaigns',
    request: { params: campaignIdParams, query: pageQuery.extend({ status: z.enum(DELIVERY_STATUSES).optional() }) },
    responses: { 200: { description: 'One page of deliveries', schema: deliveryPageSchema }, 404: notFound },
  }),
});
