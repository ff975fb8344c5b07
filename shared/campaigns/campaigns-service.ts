import { v7 as uuidv7 } from 'uuid';
import type { ContactsRepository } from '../contacts/contacts-repository';
import type { SendingQuota } from '../core/email/ses';
import { ConflictError, NotFoundError, ValidationError } from '../core/errors';
import type { Caller } from '../core/http/auth';
import type { SegmentsRepository } from '../segments/segments-repository';
import type { SurveysRepository } from '../surveys/surveys-repository';
import {
  type Audience,
  type Campaign,
  type CampaignBody,
  type CampaignStatus,
  campaignSurveyId,
  emptyCounts,
} from './campaign';
import type { AudiencePage } from './campaign-audience-job';
import type { CampaignsRepository } from './campaigns-repository';
import type { DeliveriesRepository } from './deliveries-repository';
import type { DeliveryStatus } from './entities';

export interface CampaignsServiceOptions {
  /** Whether this deployment sends SMS (an origination identity is configured). */
  smsConfigured: boolean;
  now?: () => Date;
}

/** A campaign as staff read it while it sends: its counters, and the rate and time left they give. */
export type CampaignView = Campaign & { progress: { perSecond: number; secondsLeft: number | null } };

const EDITABLE: readonly CampaignStatus[] = ['draft', 'scheduled'];

/** Campaigns as staff write, preview, test, send and follow them (thin handlers call these). */
export class CampaignsService {
  private readonly now: () => Date;

  constructor(
    private readonly campaigns: CampaignsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly segments: SegmentsRepository,
    private readonly surveys: SurveysRepository,
    private readonly contacts: ContactsRepository,
    private readonly quota: () => Promise<SendingQuota>,
    private readonly startAudience: (page: AudiencePage) => Promise<void>,
    private readonly options: CampaignsServiceOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  async create(caller: Caller, body: CampaignBody): Promise<Campaign> {
    this.checkChannel(body);
    await this.checkAudience(body);
    const at = this.now().toISOString();
    const campaign: Campaign = {
      ...body,
      id: uuidv7(),
      status: 'draft',
      createdBy: caller.subject,
      createdAt: at,
      updatedAt: at,
      run: 0,
      audienceEnqueued: false,
      counts: emptyCounts(),
    };
    await this.campaigns.create(campaign);
    return campaign;
  }

  async get(id: string): Promise<CampaignView> {
    const campaign = await this.read(id);
    const done = campaign.counts.sent + campaign.counts.failed + campaign.counts.skipped;
    const started = campaign.startedAt ? Date.parse(campaign.startedAt) : undefined;
    const end = campaign.finishedAt ? Date.parse(campaign.finishedAt) : this.now().getTime();
    const seconds = started === undefined ? 0 : Math.max(1, (end - started) / 1000);
    const perSecond = seconds > 0 ? Math.round((done / seconds) * 10) / 10 : 0;
    const sending = campaign.status === 'sending';
    return {
      ...campaign,
      progress: {
        perSecond,
        secondsLeft: sending && perSecond > 0 ? Math.ceil(Math.max(0, campaign.counts.queued) / perSecond) : null,
      },
    };
  }

  list(limit: number, cursor?: string) {
    return this.campaigns.list(limit, cursor);
  }

  /** Replaces a draft's or a scheduled campaign's definition. */
  async update(id: string, body: CampaignBody): Promise<Campaign> {
    const current = await this.read(id);
    if (!EDITABLE.includes(current.status))
      throw new ConflictError(`A ${current.status} campaign cannot be changed; only a draft or a scheduled one.`);
    this.checkChannel(body);
    await this.checkAudience(body);
    const { sendAt: _dropped, surveyId: _survey, ...kept } = current;
    const next: Campaign = { ...kept, ...body, updatedAt: this.now().toISOString() };
    if (!(await this.campaigns.replace(next, { updatedAt: current.updatedAt, from: EDITABLE })))
      throw changedMeanwhile();
    return next;
  }

  /**
   * Sends a draft now, or schedules it for its `sendAt` when that is still ahead. Refused when SES's 24-hour
   * quota cannot take the audience's last count.
   */
  async send(id: string): Promise<Campaign> {
    const campaign = await this.read(id);
    if (!EDITABLE.includes(campaign.status))
      throw new ConflictError(`The campaign is ${campaign.status}; only a draft or a scheduled one can be sent.`);
    const survey = await this.checkAudience(campaign);
    if (survey && survey.status !== 'open')
      throw new ConflictError(`The survey is ${survey.status}: open it before sending its invitations.`);
    const audience = await this.lastCount(campaign.audience);
    const quota = campaign.channel === 'email' ? await this.quota() : undefined;
    const room = quota ? quota.max24HourSend - quota.sentLast24Hours : Number.POSITIVE_INFINITY;
    if (audience !== undefined && audience > room)
      throw new ConflictError(
        `The audience (${audience} contacts at its last count) is more than SES may still send in the next 24 hours (${room}); ask AWS for a higher quota, or split the audience.`,
        { audience, remainingQuota: room },
      );
    const now = this.now();
    if (campaign.sendAt && Date.parse(campaign.sendAt) > now.getTime()) {
      if (campaign.status === 'scheduled') return campaign;
      return this.move(campaign, 'draft', { status: 'scheduled' });
    }
    return this.start(campaign);
  }

  /** Starts a scheduled campaign whose time has come (the scheduled task's work). */
  async startDue(): Promise<number> {
    const due = await this.campaigns.dueScheduled(this.now().toISOString());
    for (const campaign of due) await this.start(campaign).catch(() => undefined);
    return due.length;
  }

  async pause(id: string, caller: Caller): Promise<Campaign> {
    const campaign = await this.read(id);
    if (campaign.status !== 'sending') throw new ConflictError(`The campaign is ${campaign.status}, not sending.`);
    return this.move(campaign, 'sending', { status: 'paused', pausedReason: `Paused by ${caller.subject}` });
  }

  /** Sends on: the audience is enqueued again in a new run, and whoever was sent to (or skipped) already is passed over. */
  async resume(id: string): Promise<Campaign> {
    const campaign = await this.read(id);
    if (campaign.status !== 'paused') throw new ConflictError(`The campaign is ${campaign.status}, not paused.`);
    return this.start(campaign);
  }

  async cancel(id: string): Promise<Campaign> {
    const campaign = await this.read(id);
    if (campaign.status === 'sent' || campaign.status === 'cancelled')
      throw new ConflictError(`The campaign is ${campaign.status} already.`);
    const at = this.now().toISOString();
    return this.move(campaign, campaign.status, { status: 'cancelled', finishedAt: at });
  }

  deliveryPage(id: string, limit: number, cursor?: string, status?: DeliveryStatus) {
    return this.read(id).then(() => this.deliveries.page(id, limit, cursor, status));
  }

  private async start(campaign: Campaign): Promise<Campaign> {
    const at = this.now().toISOString();
    const run = campaign.run + 1;
    const next = await this.move(campaign, campaign.status, {
      status: 'sending',
      run,
      audienceEnqueued: false,
      startedAt: campaign.startedAt ?? at,
      audiencePage: 0,
    });
    await this.startAudience({ campaignId: campaign.id, run, page: 1 });
    return next;
  }

  private async move(
    campaign: Campaign,
    from: CampaignStatus,
    change: Partial<Campaign> & { audiencePage?: number },
  ): Promise<Campaign> {
    const updatedAt = this.now().toISOString();
    const keepsReason = change.status === 'paused';
    if (
      !(await this.campaigns.transition(
        campaign.id,
        from,
        { ...change, updatedAt },
        keepsReason ? [] : ['pausedReason'],
      ))
    )
      throw changedMeanwhile();
    const { audiencePage: _page, ...value } = { ...campaign, ...change, updatedAt };
    if (!keepsReason) delete value.pausedReason;
    return value;
  }

  private checkChannel(body: Pick<CampaignBody, 'channel'>) {
    if (body.channel === 'sms' && !this.options.smsConfigured)
      throw new ValidationError([
        {
          path: 'body.channel',
          message: 'SMS is not configured for this deployment: set smsOriginationIdentity (docs/operations.md)',
        },
      ]);
  }

  /** The audience's segment and the campaign's survey exist (and the survey is not closed); the survey, if any. */
  private async checkAudience(campaign: Pick<Campaign, 'audience' | 'surveyId'>) {
    if ('segmentId' in campaign.audience && !(await this.segments.get(campaign.audience.segmentId)))
      throw new NotFoundError(`No segment with id ${campaign.audience.segmentId}.`);
    const surveyId = campaignSurveyId(campaign);
    if (!surveyId) return undefined;
    const survey = await this.surveys.get(surveyId);
    if (!survey) throw new NotFoundError(`No survey with id ${surveyId}.`);
    if (survey.status === 'closed') throw new ConflictError('The survey is closed: nobody can answer it any more.');
    return survey;
  }

  /** How many the audience held at its last count, when that is known (a segment's background count). */
  private async lastCount(audience: Audience): Promise<number | undefined> {
    return 'segmentId' in audience ? (await this.segments.count(audience.segmentId)).contacts : undefined;
  }

  private async read(id: string): Promise<Campaign> {
    const campaign = await this.campaigns.get(id);
    if (!campaign) throw new NotFoundError(`No campaign with id ${id}.`);
    return campaign;
  }
}

const changedMeanwhile = () => new ConflictError('The campaign changed meanwhile; read it again and retry.');
