import * as z from 'zod';
import type { Campaign } from './campaign';
import type { CampaignsRepository, CountChanges } from './campaigns-repository';
import type { DeliveriesRepository } from './deliveries-repository';
import type { DeliveryStatus } from './entities';

/**
 * SES's event records (event publishing through the configuration set's SNS topic): the parts read here. The
 * tags name the campaign and the contact (set on every bulk entry, email-messages.ts).
 */
export const sesEventSchema = z.object({
  eventType: z.string(),
  mail: z.object({
    messageId: z.string(),
    destination: z.array(z.string()).default([]),
    tags: z.record(z.string(), z.array(z.string())).default({}),
  }),
  bounce: z
    .object({
      bounceType: z.string(),
      bouncedRecipients: z.array(z.object({ emailAddress: z.string() })).default([]),
    })
    .optional(),
  complaint: z.object({ complainedRecipients: z.array(z.object({ emailAddress: z.string() })).default([]) }).optional(),
});
export type SesEvent = z.infer<typeof sesEventSchema>;

/** Past these rates a campaign pauses itself (what SES reviews an account at, and Gmail's spam line). */
export const AUTO_PAUSE = { bounceRate: 0.05, complaintRate: 0.001, minimumSent: 50 } as const;

/** What each event moves a delivery to, and from which statuses (events come in any order, and twice). */
const TRANSITIONS: Record<string, { to: DeliveryStatus; from: DeliveryStatus[]; counter: keyof CountChanges }> = {
  Delivery: { to: 'delivered', from: ['sending', 'sent', 'failed'], counter: 'delivered' },
  Bounce: { to: 'bounced', from: ['sending', 'sent', 'delivered', 'failed'], counter: 'bounced' },
  Complaint: { to: 'complained', from: ['sending', 'sent', 'delivered', 'failed'], counter: 'complained' },
};

/**
 * Records SES's events: a delivery, a bounce or a complaint moves the recipient's delivery and the campaign's
 * counters; a permanent bounce or a complaint suppresses the address for every later campaign. A campaign whose
 * bounces or complaints pass AUTO_PAUSE pauses itself and says why.
 */
export class MessageEventsService {
  constructor(
    private readonly campaigns: CampaignsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async record(event: SesEvent): Promise<void> {
    const campaignId = event.mail.tags.campaign?.[0];
    const contactId = event.mail.tags.contact?.[0];
    const now = this.now();
    const permanent = event.eventType === 'Bounce' && event.bounce?.bounceType === 'Permanent';
    if (permanent || event.eventType === 'Complaint') {
      const recipients =
        event.eventType === 'Complaint' ? event.complaint?.complainedRecipients : event.bounce?.bouncedRecipients;
      for (const { emailAddress } of recipients ?? [])
        await this.deliveries.suppress({
          channel: 'email',
          address: emailAddress.trim().toLowerCase(),
          reason: permanent ? 'bounce' : 'complaint',
          at: now.toISOString(),
          ...(campaignId && { campaignId }),
        });
    }
    if (!campaignId || !contactId) return;
    if (event.eventType === 'Bounce' && !permanent) {
      // SES retries a soft bounce itself; it is counted, and the delivery waits for the outcome.
      await this.campaigns.addCounts(campaignId, { softBounced: 1 });
      return;
    }
    const transition = TRANSITIONS[event.eventType];
    if (!transition) return;
    const before = await this.deliveries.advance(campaignId, contactId, transition.to, transition.from, now);
    if (!before) return;
    const changes: CountChanges = { [transition.counter]: 1 };
    // A complaint means the message was delivered: when it comes before the Delivery event (events arrive in
    // any order), it counts the delivery, and the Delivery event then finds nothing to move.
    if (event.eventType === 'Complaint' && before.status !== 'delivered') changes.delivered = 1;
    // A recipient recorded failed because their attempt died mid-call did get the message after all.
    if (before.status === 'failed') Object.assign(changes, { failed: -1, sent: 1 });
    const campaign = await this.campaigns.addCounts(campaignId, changes);
    if (campaign) await this.pauseIfUnhealthy(campaign);
  }

  private async pauseIfUnhealthy(campaign: Campaign) {
    const { sent, bounced, complained } = campaign.counts;
    if (campaign.status !== 'sending' || sent < AUTO_PAUSE.minimumSent) return;
    const reason =
      bounced / sent > AUTO_PAUSE.bounceRate
        ? `Bounces passed ${AUTO_PAUSE.bounceRate * 100}% (${bounced} of ${sent} sent): check the audience's addresses before resuming`
        : complained / sent > AUTO_PAUSE.complaintRate
          ? `Complaints passed ${AUTO_PAUSE.complaintRate * 100}% (${complained} of ${sent} sent): check that this audience asked for these messages before resuming`
          : undefined;
    if (reason)
      await this.campaigns.transition(campaign.id, 'sending', {
        status: 'paused',
        pausedReason: reason,
        updatedAt: this.now().toISOString(),
      });
  }
}
