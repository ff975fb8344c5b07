import { beforeEach, describe, expect, it, vi } from 'vitest';
import { type Campaign, emptyCounts } from '../../../shared/campaigns/campaign';
import type { CampaignsRepository } from '../../../shared/campaigns/campaigns-repository';
import type { DeliveriesRepository } from '../../../shared/campaigns/deliveries-repository';
import type { DeliveryStatus } from '../../../shared/campaigns/entities';
import { AUTO_PAUSE, MessageEventsService, type SesEvent } from '../../../shared/campaigns/message-events-service';

const mail = { messageId: 'm1', destination: ['Ann@Example.org'], tags: { campaign: ['c1'], contact: ['p1'] } };
let status: DeliveryStatus;
let campaign: Campaign;
const deliveries = {
  suppress: vi.fn(async () => undefined),
  advance: vi.fn(async (_: string, __: string, to: DeliveryStatus, from: readonly DeliveryStatus[]) => {
    if (!from.includes(status)) return undefined;
    const before = { status };
    status = to;
    return before;
  }),
};
const campaigns = {
  addCounts: vi.fn(async (_: string, changes: Record<string, number>) => {
    const counts = campaign.counts as unknown as Record<string, number>;
    for (const [name, by] of Object.entries(changes)) counts[name] = (counts[name] ?? 0) + by;
    return campaign;
  }),
  transition: vi.fn(async (_: string, __: string, change: Partial<Campaign>) => {
    campaign = { ...campaign, ...change };
    return true;
  }),
};
const service = () =>
  new MessageEventsService(
    campaigns as unknown as CampaignsRepository,
    deliveries as unknown as DeliveriesRepository,
    () => new Date('2026-12-02T12:00:00Z'),
  );
const bounce = (bounceType: string): SesEvent => ({
  eventType: 'Bounce',
  mail,
  bounce: { bounceType, bouncedRecipients: [{ emailAddress: 'Ann@Example.org' }] },
});

beforeEach(() => {
  vi.clearAllMocks();
  status = 'sent';
  campaign = { status: 'sending', counts: { ...emptyCounts(), sent: 100 } } as Campaign;
});

describe('SES events', () => {
  it('record a delivery once, however often it arrives', async () => {
    await service().record({ eventType: 'Delivery', mail });
    await service().record({ eventType: 'Delivery', mail });
    expect(status).toBe('delivered');
    expect(campaign.counts.delivered).toBe(1);
  });

  it('suppress a permanently bounced address for every later campaign, lower-cased', async () => {
    await service().record(bounce('Permanent'));
    expect(deliveries.suppress).toHaveBeenCalledWith(
      expect.objectContaining({ channel: 'email', address: 'ann@example.org', reason: 'bounce', campaignId: 'c1' }),
    );
    expect(status).toBe('bounced');
  });

  it('count a soft bounce without suppressing or settling the delivery: SES tries again', async () => {
    await service().record(bounce('Transient'));
    expect(deliveries.suppress).not.toHaveBeenCalled();
    expect(status).toBe('sent');
    expect(campaign.counts.softBounced).toBe(1);
  });

  it('suppress a complaint’s address even after its delivery', async () => {
    await service().record({ eventType: 'Delivery', mail });
    await service().record({
      eventType: 'Complaint',
      mail,
      complaint: { complainedRecipients: [{ emailAddress: 'ann@example.org' }] },
    });
    expect(deliveries.suppress).toHaveBeenCalledWith(expect.objectContaining({ reason: 'complaint' }));
    expect(status).toBe('complained');
  });

  it('count one delivery when the complaint arrives before the Delivery event', async () => {
    await service().record({ eventType: 'Complaint', mail, complaint: { complainedRecipients: [] } });
    await service().record({ eventType: 'Delivery', mail });
    expect(status).toBe('complained');
    expect(campaign.counts).toMatchObject({ delivered: 1, complained: 1 });
  });

  it('turn a recipient recorded failed (its sender died mid-call) into sent once SES says it was delivered', async () => {
    status = 'failed';
    await service().record({ eventType: 'Delivery', mail });
    expect(campaigns.addCounts).toHaveBeenCalledWith('c1', { delivered: 1, failed: -1, sent: 1 });
  });

  it('pause a campaign whose bounces pass 5%, saying why', async () => {
    campaign.counts.bounced = Math.round(AUTO_PAUSE.bounceRate * 100);
    await service().record(bounce('Permanent'));
    expect(campaign.status).toBe('paused');
    expect(campaign.pausedReason).toMatch(/^Bounces passed 5% \(6 of 100 sent\)/);
  });

  it('pause a campaign whose complaints pass 0.1%', async () => {
    campaign.counts.sent = 1000;
    status = 'delivered';
    await service().record({ eventType: 'Complaint', mail, complaint: { complainedRecipients: [] } });
    expect(campaign.status).toBe('sending');
    status = 'delivered';
    await service().record({ eventType: 'Complaint', mail, complaint: { complainedRecipients: [] } });
    expect(campaign.status).toBe('paused');
    expect(campaign.pausedReason).toMatch(/^Complaints passed 0.1%/);
  });

  it('wait for enough sends before judging rates', async () => {
    campaign.counts.sent = AUTO_PAUSE.minimumSent - 1;
    campaign.counts.bounced = 10;
    await service().record(bounce('Permanent'));
    expect(campaign.status).toBe('sending');
  });

  it('of a test message (no campaign tags) still suppress a bounced address', async () => {
    await service().record({ ...bounce('Permanent'), mail: { ...mail, tags: {} } });
    expect(deliveries.suppress).toHaveBeenCalled();
    expect(deliveries.advance).not.toHaveBeenCalled();
  });
});
