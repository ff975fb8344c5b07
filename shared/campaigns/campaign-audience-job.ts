import * as z from 'zod';
import type { ContactsRepository } from '../contacts/contacts-repository';
import type { SegmentsRepository } from '../segments/segments-repository';
import type { SurveysRepository } from '../surveys/surveys-repository';
import type { Campaign } from './campaign';
import type { SendChunk } from './campaign-send-job';
import type { CampaignsRepository } from './campaigns-repository';
import { MAX_BULK_ENTRIES } from './email-messages';

/** One message of the audience queue: the page `page` (from 1) of run `run` of a campaign's audience. */
export const audiencePageSchema = z.strictObject({
  campaignId: z.uuid(),
  run: z.number().int().min(1),
  page: z.number().int().min(1),
  cursor: z.string().optional(),
});
export type AudiencePage = z.infer<typeof audiencePageSchema>;

/** Contacts read per page of the audience. */
export const AUDIENCE_PAGE_SIZE = 500;

/** The page before this one is not recorded yet (its message is still being handled): try again shortly. */
export class AudiencePageEarlyError extends Error {}

export interface AudienceQueues {
  /** Puts messages on the audience queue (the next page). */
  pages(messages: AudiencePage[]): Promise<void>;
  /** Puts messages on the sends queue (chunks of recipients). */
  chunks(messages: SendChunk[]): Promise<void>;
}

/**
 * Enqueues a campaign's audience a page at a time: each page's recipients go to the sends queue in chunks of one
 * bulk call, then the next page is enqueued, then the page is recorded on the campaign. A page delivered twice
 * is recognised by that record and does nothing (its chunks, if enqueued twice, are claimed once).
 */
export class CampaignAudienceJob {
  constructor(
    private readonly campaigns: CampaignsRepository,
    private readonly segments: SegmentsRepository,
    private readonly surveys: SurveysRepository,
    private readonly contacts: ContactsRepository,
    private readonly queues: AudienceQueues,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async enqueuePage(message: AudiencePage): Promise<void> {
    const campaign = await this.campaigns.get(message.campaignId);
    if (campaign?.status !== 'sending' || campaign.run !== message.run) return;
    const recorded = await this.campaigns.audiencePage(campaign.id);
    if (recorded >= message.page) return;
    if (recorded < message.page - 1) throw new AudiencePageEarlyError(`page ${message.page - 1} is not recorded yet`);
    const page = await this.audiencePage(campaign, message.cursor);
    if (!page) {
      await this.pause(campaign, 'Its segment was deleted; choose another audience, or cancel it.');
      return;
    }
    const { ids } = page;
    const chunks: SendChunk[] = [];
    for (let start = 0; start < ids.length; start += MAX_BULK_ENTRIES)
      chunks.push({ campaignId: campaign.id, contactIds: ids.slice(start, start + MAX_BULK_ENTRIES) });
    await this.queues.chunks(chunks);
    if (page.nextCursor)
      await this.queues.pages([
        { campaignId: campaign.id, run: message.run, page: message.page + 1, cursor: page.nextCursor },
      ]);
    const after = await this.campaigns.recordAudiencePage(campaign.id, {
      run: message.run,
      page: message.page,
      queued: ids.length,
      complete: !page.nextCursor,
    });
    // Every chunk may be done before the last page is recorded (or nobody was left to send to): finish here then.
    if (after?.audienceEnqueued && after.counts.queued <= 0) {
      const at = this.now().toISOString();
      await this.campaigns.transition(campaign.id, 'sending', { status: 'sent', finishedAt: at, updatedAt: at });
    }
  }

  /** One page of the audience's contact ids: a segment's contacts, or a survey's invitees (a reminder's: unanswered). */
  private async audiencePage(campaign: Campaign, cursor: string | undefined) {
    const { audience } = campaign;
    if ('surveyId' in audience) {
      const filter = audience.invitees === 'notResponded' ? { responded: false } : {};
      const page = await this.surveys.invitations(audience.surveyId, filter, AUDIENCE_PAGE_SIZE, cursor);
      return { ids: page.items.map((invitation) => invitation.contactId), nextCursor: page.nextCursor };
    }
    const segment = await this.segments.get(audience.segmentId);
    if (!segment) return undefined;
    return this.contacts.listIds(segment.filter, AUDIENCE_PAGE_SIZE, cursor);
  }

  private async pause(campaign: Campaign, reason: string) {
    await this.campaigns.transition(campaign.id, 'sending', {
      status: 'paused',
      pausedReason: reason,
      updatedAt: this.now().toISOString(),
    });
  }
}
