import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import type { Channel, Contact } from '../contacts/contact';
import type { ContactsRepository } from '../contacts/contacts-repository';
import type { SurveyInvitationsService } from '../surveys/survey-invitations-service';
import { citizenLinkPath } from '../surveys/survey-links';
import type { SurveysRepository } from '../surveys/surveys-repository';
import { type Campaign, campaignSurveyId, type SkipReason } from './campaign';
import type { CampaignsRepository, CountChanges } from './campaigns-repository';
import type { DeliveriesRepository } from './deliveries-repository';
import { MAX_BULK_ENTRIES } from './email-messages';
import type { MessageChannel, Outgoing } from './message-channel';
import { recipientDecision } from './recipients';
import type { SendPacer } from './send-pacer';
import { unsubscribePath, unsubscribeToken } from './unsubscribe-token';

/** One message of the sends queue: a chunk of a campaign's recipients, at most one bulk call's worth. */
export const sendChunkSchema = z.strictObject({
  campaignId: z.uuid(),
  contactIds: z.array(z.uuid()).min(1).max(MAX_BULK_ENTRIES),
});
export type SendChunk = z.infer<typeof sendChunkSchema>;

export interface CampaignSendJobOptions {
  /** Where /u/{token} and /s/{token} are served. */
  publicBaseUrl: string;
  /** How long a claim holds: longer than an attempt can run, so a live attempt never loses its recipients. */
  leaseMs: number;
  now?: () => Date;
}

/** What became of a chunk: done (sent, skipped, or not to be sent), or to be tried again later (throttled). */
export type ChunkOutcome = { done: true } | { done: false; reason: 'throttled' };

/** A recipient to send to: their address and, in a survey campaign, their personal link. */
interface Recipient {
  contact: Contact;
  address: string;
  surveyLink?: string;
}

/** How often a chunk's sending looks again at its campaign's status: a pause or cancel stops it within this. */
const STATUS_CHECK_MS = 1000;

/**
 * Sends one chunk of a campaign's recipients, each at most once whatever SQS delivers twice or an attempt dies:
 * a recipient is claimed (a conditional write) before their call, and recorded after it. Whom to send to is
 * decided again here, from the contact as it is now: an unsubscribe or a bounce stops messages still queued.
 */
export class CampaignSendJob {
  private readonly now: () => Date;

  constructor(
    private readonly campaigns: CampaignsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly contacts: ContactsRepository,
    private readonly surveyLinks: { surveys: SurveysRepository; invitations: SurveyInvitationsService } | undefined,
    private readonly channels: Partial<Record<Channel, MessageChannel>>,
    private readonly pacer: SendPacer,
    private readonly options: CampaignSendJobOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  async sendChunk(chunk: SendChunk): Promise<ChunkOutcome> {
    let campaign = await this.campaigns.get(chunk.campaignId);
    // Paused chunks are dropped: resuming enqueues the audience again, and those done are skipped then.
    if (campaign?.status !== 'sending') return { done: true };
    const counts: CountChanges = {};
    const add = (name: keyof CountChanges, by = 1) => {
      counts[name] = (counts[name] ?? 0) + by;
    };
    try {
      const pending = await this.settleLapsedClaims(campaign.id, chunk.contactIds, add);
      const stored = await this.contacts.getMany(pending);
      const channel = this.channels[campaign.channel];
      if (!channel) {
        await this.pauseFor(campaign, `${campaign.channel} is not configured for this deployment.`);
        return { done: true };
      }
      const addresses = [...stored.values()].flatMap(({ contact }) => {
        const address = campaign?.channel === 'sms' ? contact.phone : contact.email;
        return address ? [address] : [];
      });
      const suppressed = await this.deliveries.suppressed(campaign.channel, addresses);
      let eligible: Recipient[] = [];
      const skip = async (contactId: string, reason: SkipReason) => {
        if (!(await this.deliveries.skip(chunk.campaignId, contactId, reason, this.now()))) return;
        add('skipped');
        add(`skippedBy.${reason}`);
        add('queued', -1);
      };
      for (const contactId of pending) {
        const contact = stored.get(contactId)?.contact;
        const decision = recipientDecision(contact, campaign.channel, suppressed);
        if (decision.send) eligible.push({ contact: contact as Contact, address: decision.address });
        else await skip(contactId, decision.reason);
      }
      if (eligible.length > 0 && campaignSurveyId(campaign)) {
        const linked = await this.withSurveyLinks(campaign, eligible, skip);
        if (!linked) return { done: true };
        eligible = linked;
      }
      if (eligible.length === 0) return { done: true };
      const lane = await this.pacer.lane();
      try {
        const { unitsPerSecond, perCall } = await channel.limits();
        const size = lane.callSize(unitsPerSecond, perCall);
        let checkedAt = Date.now();
        for (let start = 0; start < eligible.length; start += size) {
          if (Date.now() - checkedAt > STATUS_CHECK_MS) {
            campaign = await this.campaigns.get(campaign.id);
            checkedAt = Date.now();
            if (campaign?.status !== 'sending') return { done: true };
          }
          const outcome = await this.sendCall(
            campaign,
            channel,
            eligible.slice(start, start + size),
            lane,
            unitsPerSecond,
            add,
          );
          if (!outcome.done) return outcome;
        }
      } finally {
        lane.release();
      }
      return { done: true };
    } finally {
      const after = await this.campaigns.addCounts(chunk.campaignId, counts);
      if (after) await this.finishIfDone(after);
    }
  }

  /**
   * A survey campaign's recipients, each with their personal link (minted now, or an earlier campaign's
   * computed again); a reminder's recipients who answered meanwhile are skipped. Undefined when the campaign
   * cannot go on (the survey is no longer open): it is paused, saying why.
   */
  private async withSurveyLinks(
    campaign: Campaign,
    recipients: Recipient[],
    skip: (contactId: string, reason: SkipReason) => Promise<void>,
  ): Promise<Recipient[] | undefined> {
    const surveyId = campaignSurveyId(campaign) as string;
    if (!this.surveyLinks) throw new Error('A survey campaign needs the surveys repository');
    const survey = await this.surveyLinks.surveys.get(surveyId);
    if (survey?.status !== 'open') {
      await this.pauseFor(campaign, `The survey is ${survey?.status ?? 'deleted'}: reopen it, or cancel the campaign.`);
      return undefined;
    }
    let pending = recipients;
    if ('invitees' in campaign.audience && campaign.audience.invitees === 'notResponded') {
      const invitations = await this.surveyLinks.surveys.invitationsOf(
        surveyId,
        recipients.map(({ contact }) => contact.id),
      );
      pending = [];
      for (const recipient of recipients)
        if (invitations.get(recipient.contact.id)?.responded) await skip(recipient.contact.id, 'already_responded');
        else pending.push(recipient);
    }
    const { links, tooManyRateValues } = await this.surveyLinks.invitations.linksFor(
      surveyId,
      pending.map(({ contact }) => contact),
    );
    if (tooManyRateValues) {
      await this.pauseFor(
        campaign,
        'Its contacts hold more distinct wards and languages than a survey can break its response rate down by; tidy their ward values, or send to a smaller segment.',
      );
      return undefined;
    }
    const linked: Recipient[] = [];
    for (const recipient of pending) {
      const token = links.get(recipient.contact.id);
      if (token) linked.push({ ...recipient, surveyLink: `${this.options.publicBaseUrl}${citizenLinkPath(token)}` });
      else await skip(recipient.contact.id, 'link_unavailable');
    }
    return linked;
  }

  private async pauseFor(campaign: Campaign, reason: string) {
    await this.campaigns.transition(campaign.id, 'sending', {
      status: 'paused',
      pausedReason: reason,
      updatedAt: this.now().toISOString(),
    });
  }

  /**
   * The chunk's recipients still to be decided. A claim left by an attempt that died is settled first: when
   * its call had started, the message may have gone out, so the recipient is recorded failed (outcome unknown)
   * rather than sent again; SES's event records their delivery if it did.
   */
  private async settleLapsedClaims(
    campaignId: string,
    contactIds: string[],
    add: (name: keyof CountChanges, by?: number) => void,
  ) {
    const existing = await this.deliveries.existing(campaignId, contactIds);
    const now = this.now();
    const lapsed = [...existing.values()].filter(
      (delivery) => delivery.status === 'sending' && (delivery.leaseUntil ?? 0) < now.getTime() && delivery.callId,
    );
    const started = await this.deliveries.startedCalls(
      campaignId,
      lapsed.map((delivery) => delivery.callId as string),
    );
    for (const delivery of lapsed)
      if (started.has(delivery.callId as string)) {
        const recorded = await this.deliveries.record(
          campaignId,
          delivery.contactId,
          delivery.callId as string,
          { status: 'failed', reason: 'outcome_unknown' },
          now,
        );
        if (recorded) {
          add('failed');
          add('queued', -1);
        }
      }
    return contactIds.filter((contactId) => {
      const delivery = existing.get(contactId);
      return !delivery || (lapsed.includes(delivery) && !started.has(delivery.callId as string));
    });
  }

  private async sendCall(
    campaign: Campaign,
    channel: MessageChannel,
    recipients: Recipient[],
    lane: { pace(units: number, rate: number): Promise<void> },
    unitsPerSecond: number,
    add: (name: keyof CountChanges, by?: number) => void,
  ): Promise<ChunkOutcome> {
    const callId = randomUUID();
    const claims = await Promise.all(
      recipients.map((recipient) =>
        this.deliveries.claim(campaign.id, recipient.contact.id, callId, this.options.leaseMs, this.now()),
      ),
    );
    const claimed = recipients.filter((_, index) => claims[index]?.outcome === 'claimed');
    if (claimed.length === 0) return { done: true };
    const messages: Outgoing[] = await Promise.all(
      claimed.map(async (recipient) => {
        const token = await unsubscribeToken({ contactId: recipient.contact.id, campaignId: campaign.id });
        return { ...recipient, unsubscribeUrl: `${this.options.publicBaseUrl}${unsubscribePath(token)}` };
      }),
    );
    await lane.pace(channel.units(campaign, messages), unitsPerSecond);
    await this.deliveries.markCall(campaign.id, callId, this.now());
    const outcome = await channel.send(campaign, messages).catch(async (error: unknown) => {
      await this.giveBack(campaign.id, claimed, callId);
      throw error;
    });
    if (!('results' in outcome)) {
      // The service refused the whole call: nothing went out, so the claims are given back for the next attempt.
      await this.giveBack(campaign.id, claimed, callId);
      if ('throttled' in outcome) return { done: false, reason: 'throttled' };
      await this.pauseFor(campaign, outcome.stopped);
      return { done: true };
    }
    const now = this.now();
    await Promise.all(
      claimed.map(async ({ contact }, index) => {
        const result = outcome.results[index] ?? { failure: 'no result' };
        await this.deliveries.record(
          campaign.id,
          contact.id,
          callId,
          'messageId' in result
            ? { status: 'sent', messageId: result.messageId }
            : { status: 'failed', reason: result.failure },
          now,
        );
        add('messageId' in result ? 'sent' : 'failed');
      }),
    );
    add('queued', -claimed.length);
    await this.deliveries.clearCall(campaign.id, callId);
    return { done: true };
  }

  private async giveBack(campaignId: string, claimed: Recipient[], callId: string) {
    await Promise.all(claimed.map(({ contact }) => this.deliveries.release(campaignId, contact.id, callId)));
    await this.deliveries.clearCall(campaignId, callId);
  }

  /** A campaign whose audience is all enqueued and whose queue is empty has been sent. */
  private async finishIfDone(campaign: Campaign) {
    if (campaign.status !== 'sending' || !campaign.audienceEnqueued || campaign.counts.queued > 0) return;
    const at = this.now().toISOString();
    await this.campaigns.transition(campaign.id, 'sending', { status: 'sent', finishedAt: at, updatedAt: at });
  }
}
