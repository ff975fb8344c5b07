import type { Channel, Contact } from '../contacts/contact';
import type { ContactsRepository } from '../contacts/contacts-repository';
import { NotFoundError } from '../core/errors';
import type { SegmentsRepository } from '../segments/segments-repository';
import type { Invitation, SurveysRepository } from '../surveys/surveys-repository';
import { type Campaign, campaignSurveyId, SKIP_REASONS, type SkipReason } from './campaign';
import type { CampaignsRepository } from './campaigns-repository';
import type { DeliveriesRepository } from './deliveries-repository';
import { recipientDecision } from './recipients';
import { renderSms } from './sms-messages';

/** Contacts read per page while counting. */
const PAGE = 200;
/** A signed unsubscribe token (two UUIDs, a separator, a dot and a 16-byte MAC) and a survey link token. */
const UNSUBSCRIBE_TOKEN_LENGTH = 36 + 1 + 36 + 1 + 22;
const SURVEY_TOKEN_LENGTH = 27;

export interface AudienceCount {
  /** Who would be sent the message now. */
  eligible: number;
  /** An SMS campaign: the parts the eligible recipients' messages make, and what they cost at the configured price. */
  sms?: { segments: number; estimatedCost: number };
  skipped: Record<SkipReason, number>;
  /** Whether the whole audience was counted; if not, call again with `nextCursor` to go on, adding up. */
  complete: boolean;
  nextCursor?: string;
}

/**
 * Counts a campaign's audience before it is sent, by the rules the sender applies (recipients.ts): who is
 * eligible, and who would be skipped, by reason. A large audience is counted over several calls, each within
 * the function's time (`timeIsShort`), as links are minted.
 */
export class AudienceCountService {
  constructor(
    private readonly campaigns: CampaignsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly segments: SegmentsRepository,
    private readonly surveys: SurveysRepository,
    private readonly contacts: ContactsRepository,
    private readonly options: { cityName: string; publicBaseUrl: string; pricePerSegment: number },
  ) {}

  async count(id: string, options: { cursor?: string; timeIsShort?: () => boolean } = {}): Promise<AudienceCount> {
    const campaign = await this.campaigns.get(id);
    if (!campaign) throw new NotFoundError(`No campaign with id ${id}.`);
    const counted: AudienceCount = {
      eligible: 0,
      skipped: Object.fromEntries(SKIP_REASONS.map((reason) => [reason, 0])) as Record<SkipReason, number>,
      complete: false,
    };
    let segments = 0;
    let cursor = options.cursor;
    do {
      const page = await this.page(campaign, cursor);
      const addresses = page.contacts.flatMap((contact) => {
        const address = campaign.channel === 'sms' ? contact?.phone : contact?.email;
        return address ? [address] : [];
      });
      const suppressed = await this.deliveries.suppressed(campaign.channel, addresses);
      const invitations = campaignSurveyId(campaign) ? await this.invitationsOf(campaign, page) : undefined;
      const reminder = 'invitees' in campaign.audience && campaign.audience.invitees === 'notResponded';
      page.contacts.forEach((contact, index) => {
        const reason = skipReason(
          contact,
          campaign.channel,
          suppressed,
          invitations && { invitation: invitations[index], reminder },
        );
        if (reason) counted.skipped[reason] += 1;
        else counted.eligible += 1;
        if (!reason && campaign.channel === 'sms' && contact) segments += this.smsSegments(campaign, contact);
      });
      cursor = page.nextCursor;
    } while (cursor && !options.timeIsShort?.());
    return {
      ...counted,
      ...(campaign.channel === 'sms' && {
        sms: { segments, estimatedCost: Math.round(segments * this.options.pricePerSegment * 100) / 100 },
      }),
      complete: cursor === undefined,
      ...(cursor && { nextCursor: cursor }),
    };
  }

  /** One recipient's parts, their links counted at the length they will have (the tokens are made when sent). */
  private smsSegments(campaign: Campaign, contact: Contact): number {
    const base = this.options.publicBaseUrl;
    return renderSms(campaign, contact, {
      cityName: this.options.cityName,
      unsubscribeUrl: `${base}/u/${'x'.repeat(UNSUBSCRIBE_TOKEN_LENGTH)}`,
      surveyLink: `${base}/s/${'x'.repeat(SURVEY_TOKEN_LENGTH)}`,
    }).segments;
  }

  /** One page of the audience: its contacts (undefined where one is gone), and which of them answered already. */
  private async page(campaign: Campaign, cursor: string | undefined) {
    const { audience } = campaign;
    if ('segmentId' in audience) {
      const segment = await this.segments.get(audience.segmentId);
      if (!segment) throw new NotFoundError(`No segment with id ${audience.segmentId}.`);
      const page = await this.contacts.list(segment.filter, PAGE, cursor);
      return {
        contacts: page.items as (Contact | undefined)[],
        ids: page.items.map((c) => c.id),
        nextCursor: page.nextCursor,
      };
    }
    const filter = audience.invitees === 'notResponded' ? { responded: false } : {};
    const page = await this.surveys.invitations(audience.surveyId, filter, PAGE, cursor);
    const stored = await this.contacts.getMany(page.items.map((invitation) => invitation.contactId));
    return {
      contacts: page.items.map((invitation) => stored.get(invitation.contactId)?.contact),
      ids: page.items.map((invitation) => invitation.contactId),
      invitations: page.items,
      nextCursor: page.nextCursor,
    };
  }

  /** A survey campaign's invitations of a page's contacts (none yet for those it will invite). */
  private async invitationsOf(campaign: Campaign, page: { ids: string[]; invitations?: Invitation[] }) {
    if (page.invitations) return page.invitations;
    const found = await this.surveys.invitationsOf(campaignSurveyId(campaign) as string, page.ids);
    return page.ids.map((id) => found.get(id));
  }
}

/**
 * Why the sender would skip this recipient, as it decides (recipients.ts, and for a survey campaign: an answer
 * already given, or a link it cannot give); undefined when it would send.
 */
function skipReason(
  contact: Contact | undefined,
  channel: Channel,
  suppressed: ReadonlySet<string>,
  survey: { invitation: Invitation | undefined; reminder: boolean } | undefined,
): SkipReason | undefined {
  const decision = recipientDecision(contact, channel, suppressed);
  if (!decision.send) return decision.reason;
  const invitation = survey?.invitation;
  if (!invitation) return undefined;
  if (survey.reminder && invitation.responded) return 'already_responded';
  return invitation.linkSalt && !invitation.revoked ? undefined : 'link_unavailable';
}
