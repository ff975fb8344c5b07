import { SESv2Client, SendBulkEmailCommand } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { type Campaign, emptyCounts } from '../../../shared/campaigns/campaign';
import { CampaignSendJob } from '../../../shared/campaigns/campaign-send-job';
import type { CampaignsRepository } from '../../../shared/campaigns/campaigns-repository';
import type { DeliveriesRepository } from '../../../shared/campaigns/deliveries-repository';
import { EmailChannelService } from '../../../shared/campaigns/email-channel-service';
import type { Delivery } from '../../../shared/campaigns/entities';
import { SendPacer } from '../../../shared/campaigns/send-pacer';
import type { Contact } from '../../../shared/contacts/contact';
import type { ContactsRepository } from '../../../shared/contacts/contacts-repository';

vi.mock('../../../shared/core/secrets/signing', () => ({
  signer: async () => ({ sign: (value: string) => `${value}.mac`, verify: () => undefined }),
}));

const CAMPAIGN = '01a236dc-3fac-76d6-a11f-0d60c49d6872';
const ids = ['01a236dc-0000-7000-8000-000000000001', '01a236dc-0000-7000-8000-000000000002'];
const granted = { granted: true, source: 'web', timestamp: '2026-01-01T00:00:00.000Z' };
const contact = (id: string): Contact => ({
  id,
  email: `${id.slice(-1)}@example.org`,
  tags: [],
  attributes: {},
  consent: { email: granted },
  createdAt: granted.timestamp,
  updatedAt: granted.timestamp,
});

/** The deliveries repository's rules, in memory: claims, markers, records. */
class MemoryDeliveries {
  readonly items = new Map<string, Delivery>();
  readonly calls = new Set<string>();
  async existing(_: string, contactIds: readonly string[]) {
    return new Map(contactIds.flatMap((id) => (this.items.has(id) ? [[id, this.items.get(id) as Delivery]] : [])));
  }
  async startedCalls(_: string, callIds: readonly string[]) {
    return new Set(callIds.filter((id) => this.calls.has(id)));
  }
  async claim(campaignId: string, contactId: string, callId: string, leaseMs: number, now: Date) {
    const held = this.items.get(contactId);
    if (held && !(held.status === 'sending' && (held.leaseUntil ?? 0) < now.getTime()))
      return { outcome: 'taken' as const, delivery: held };
    this.items.set(contactId, {
      campaignId,
      contactId,
      status: 'sending',
      callId,
      leaseUntil: now.getTime() + leaseMs,
      updatedAt: '',
    });
    return { outcome: 'claimed' as const };
  }
  async skip(campaignId: string, contactId: string, reason: string) {
    if (this.items.has(contactId)) return false;
    this.items.set(contactId, { campaignId, contactId, status: 'skipped', reason, updatedAt: '' });
    return true;
  }
  async markCall(_: string, callId: string) {
    this.calls.add(callId);
  }
  async clearCall(_: string, callId: string) {
    this.calls.delete(callId);
  }
  async record(_: string, contactId: string, callId: string, outcome: { status: 'sent' | 'failed'; reason?: string }) {
    const held = this.items.get(contactId);
    if (held?.callId !== callId || held.status !== 'sending') return false;
    this.items.set(contactId, { ...held, status: outcome.status, ...(outcome.reason && { reason: outcome.reason }) });
    return true;
  }
  async release(_: string, contactId: string, callId: string) {
    if (this.items.get(contactId)?.callId === callId) this.items.delete(contactId);
  }
  async suppressed() {
    return new Set<string>();
  }
}

const ses = mockClient(SESv2Client);
let campaign: Campaign;
let deliveries: MemoryDeliveries;
const campaigns = {
  get: async () => campaign,
  addCounts: vi.fn(async () => undefined),
  transition: vi.fn(async (_: string, __: string, change: Partial<Campaign>) => {
    campaign = { ...campaign, ...change };
    return true;
  }),
};
const contacts = {
  getMany: async (wanted: readonly string[]) => new Map(wanted.map((id) => [id, { contact: contact(id), version: 1 }])),
};
const job = (now = () => new Date()) =>
  new CampaignSendJob(
    campaigns as unknown as CampaignsRepository,
    deliveries as unknown as DeliveriesRepository,
    contacts as unknown as ContactsRepository,
    undefined,
    {
      email: new EmailChannelService(
        new SESv2Client({ region: 'eu-west-2' }),
        async () => ({ maxSendRate: 1000, max24HourSend: 1e6, sentLast24Hours: 0 }),
        { from: 'news@city.example', cityName: 'City' },
      ),
    },
    new SendPacer(2),
    { publicBaseUrl: 'https://city.example', leaseMs: 60_000, now },
  );
const accepted = () =>
  ses.on(SendBulkEmailCommand).callsFake((input) => ({
    BulkEmailEntryResults: input.BulkEmailEntries.map((_: unknown, index: number) => ({
      Status: 'SUCCESS',
      MessageId: `m${index}`,
    })),
  }));

beforeEach(() => {
  ses.reset();
  deliveries = new MemoryDeliveries();
  campaigns.addCounts.mockClear();
  campaign = {
    id: CAMPAIGN,
    name: 'News',
    channel: 'email',
    audience: { segmentId: CAMPAIGN },
    defaultLanguage: 'en',
    content: { en: { subject: 'S', html: '{{unsubscribeUrl}}', text: '{{unsubscribeUrl}}' } },
    status: 'sending',
    createdBy: 'u',
    createdAt: '',
    updatedAt: '',
    run: 1,
    audienceEnqueued: true,
    counts: emptyCounts(),
  };
});

describe('sending a chunk', () => {
  it('sends each recipient once, however often the chunk comes', async () => {
    accepted();
    await job().sendChunk({ campaignId: CAMPAIGN, contactIds: ids });
    await job().sendChunk({ campaignId: CAMPAIGN, contactIds: ids });
    expect(ses.commandCalls(SendBulkEmailCommand)).toHaveLength(1);
    expect([...deliveries.items.values()].map((delivery) => delivery.status)).toEqual(['sent', 'sent']);
    expect(campaigns.addCounts).toHaveBeenCalledWith(CAMPAIGN, { sent: 2, queued: -2 });
  });

  it('does not send again to a recipient whose dead attempt had started its call', async () => {
    accepted();
    const lapsed = { campaignId: CAMPAIGN, status: 'sending' as const, leaseUntil: 0, updatedAt: '' };
    deliveries.items.set(ids[0] as string, { ...lapsed, contactId: ids[0] as string, callId: 'started' });
    deliveries.items.set(ids[1] as string, { ...lapsed, contactId: ids[1] as string, callId: 'never-called' });
    deliveries.calls.add('started');
    await job().sendChunk({ campaignId: CAMPAIGN, contactIds: ids });
    expect(deliveries.items.get(ids[0] as string)).toMatchObject({ status: 'failed', reason: 'outcome_unknown' });
    const sent = ses.commandCalls(SendBulkEmailCommand).flatMap((call) => call.args[0].input.BulkEmailEntries ?? []);
    expect(sent.map((entry) => entry.Destination?.ToAddresses?.[0])).toEqual(['2@example.org']);
  });

  it('gives its claims back and says so when SES throttles, so the chunk comes back', async () => {
    ses.on(SendBulkEmailCommand).rejects(Object.assign(new Error('slow down'), { name: 'TooManyRequestsException' }));
    expect(await job().sendChunk({ campaignId: CAMPAIGN, contactIds: ids })).toEqual({
      done: false,
      reason: 'throttled',
    });
    expect(deliveries.items.size).toBe(0);
    expect(deliveries.calls.size).toBe(0);
    accepted();
    expect(await job().sendChunk({ campaignId: CAMPAIGN, contactIds: ids })).toEqual({ done: true });
    expect([...deliveries.items.values()].every((delivery) => delivery.status === 'sent')).toBe(true);
  });

  it('pauses the campaign, saying why, when SES has stopped the account’s sending', async () => {
    ses.on(SendBulkEmailCommand).rejects(Object.assign(new Error('paused'), { name: 'SendingPausedException' }));
    expect(await job().sendChunk({ campaignId: CAMPAIGN, contactIds: ids })).toEqual({ done: true });
    expect(campaign.status).toBe('paused');
    expect(campaign.pausedReason).toContain('SendingPausedException');
  });

  it('pauses the campaign, saying why, when SES’s 24-hour quota is spent, and gives its claims back', async () => {
    ses.on(SendBulkEmailCommand).rejects(Object.assign(new Error('quota'), { name: 'LimitExceededException' }));
    expect(await job().sendChunk({ campaignId: CAMPAIGN, contactIds: ids })).toEqual({ done: true });
    expect(campaign.status).toBe('paused');
    expect(campaign.pausedReason).toMatch(/24-hour sending quota is spent/);
    expect(deliveries.items.size).toBe(0);
  });

  it('sends nothing for a campaign that is paused or cancelled', async () => {
    accepted();
    for (const status of ['paused', 'cancelled'] as const) {
      campaign = { ...campaign, status };
      expect(await job().sendChunk({ campaignId: CAMPAIGN, contactIds: ids })).toEqual({ done: true });
    }
    expect(ses.commandCalls(SendBulkEmailCommand)).toHaveLength(0);
  });

  it('records SES’s refusal of one entry as that recipient failed, with its status', async () => {
    ses.on(SendBulkEmailCommand).resolves({
      BulkEmailEntryResults: [{ Status: 'SUCCESS', MessageId: 'm1' }, { Status: 'MESSAGE_REJECTED' }],
    });
    await job().sendChunk({ campaignId: CAMPAIGN, contactIds: ids });
    expect(deliveries.items.get(ids[1] as string)).toMatchObject({ status: 'failed', reason: 'MESSAGE_REJECTED' });
    expect(campaigns.addCounts).toHaveBeenCalledWith(CAMPAIGN, { sent: 1, failed: 1, queued: -2 });
  });
});
