import * as z from 'zod';
import { CHANNELS } from '../contacts/contact';
import type { FieldIssue } from '../core/errors';
import { mergeFieldIssues, usesMergeField } from './merge-fields';
import { countSms, MAX_SMS_SEGMENTS } from './sms-messages';

/**
 * Campaigns: one message, written per language, sent to an audience over one channel. Their texts are
 * validated here when they are saved; sending lives in the jobs (campaign-audience-job.ts, campaign-send-job.ts).
 */
const language = z.string().min(2).max(35).describe('A BCP 47 language tag such as en, cy or pt-BR');

export const emailContentSchema = z.strictObject({
  subject: z.string().trim().min(1).max(200),
  html: z.string().min(1).max(100_000).describe('The HTML part; merge fields are HTML-escaped'),
  text: z.string().min(1).max(50_000).describe('The plain-text part'),
});
export type EmailContent = z.infer<typeof emailContentSchema>;

export const smsContentSchema = z.strictObject({
  text: z.string().trim().min(1).max(1600).describe('The message; merge fields as in email'),
});
export type SmsContent = z.infer<typeof smsContentSchema>;

export const audienceSchema = z
  .union([
    z.strictObject({ segmentId: z.uuid().describe('Everyone in this segment (who may be sent to)') }),
    z.strictObject({
      surveyId: z.uuid().describe('The people invited to this survey'),
      invitees: z
        .enum(['all', 'notResponded'])
        .describe('All of them, or only those who have not answered yet (a reminder)'),
    }),
  ])
  .describe('Who the campaign goes to: a segment, or a survey’s invitees');
export type Audience = z.infer<typeof audienceSchema>;

/** The survey whose personal links a campaign's {{surveyLink}} gives: its audience's, or the one it invites to. */
export const campaignSurveyId = (campaign: { audience: Audience; surveyId?: string | undefined }) =>
  'surveyId' in campaign.audience ? campaign.audience.surveyId : campaign.surveyId;

const campaignFields = z.strictObject({
  name: z.string().trim().min(1).max(200),
  channel: z.enum(CHANNELS).describe('email (SES), or sms (AWS End User Messaging; opt-in only)'),
  audience: audienceSchema,
  surveyId: z
    .uuid()
    .optional()
    .describe(
      'With a segment audience: invite its contacts to this survey, each message carrying its own personal link ({{surveyLink}})',
    ),
  defaultLanguage: language.describe('The content a contact gets when there is none in their language'),
  content: z
    .record(language, z.union([emailContentSchema, smsContentSchema]))
    .describe('Per language: {subject, html, text} for email, {text} for SMS')
    .refine((content) => Object.keys(content).length >= 1, 'expected the content in at least one language')
    .refine((content) => Object.keys(content).length <= 30, 'at most 30 languages'),
  sendAt: z.iso.datetime({ offset: true }).optional().describe('Send at this time instead of when asked to'),
});

/**
 * What a campaign's texts get wrong: unknown merge fields, a missing default, no visible unsubscribe link, a
 * survey invitation without its link or a link without a survey.
 */
export function campaignContentIssues(body: z.infer<typeof campaignFields>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const survey = campaignSurveyId(body);
  if ('surveyId' in body.audience && body.surveyId)
    issues.push({ path: 'surveyId', message: 'a survey audience is invited to its own survey: leave surveyId out' });
  if (!body.content[body.defaultLanguage])
    issues.push({
      path: 'defaultLanguage',
      message: `expected one of the content's languages (${Object.keys(body.content).join(', ')})`,
    });
  for (const [code, content] of Object.entries(body.content)) {
    if (body.channel === 'email' && !('subject' in content)) {
      issues.push({ path: `content.${code}`, message: 'an email has a subject, an HTML and a text part' });
      continue;
    }
    if (body.channel === 'sms' && 'subject' in content) {
      issues.push({ path: `content.${code}`, message: 'an SMS is one text: {"text": "..."}' });
      continue;
    }
    if (!('subject' in content) && countSms(content.text).segments > MAX_SMS_SEGMENTS)
      issues.push({
        path: `content.${code}.text`,
        message: `at most ${MAX_SMS_SEGMENTS} SMS parts (this text is ${countSms(content.text).segments} before its merge fields are filled)`,
      });
    const parts = 'subject' in content ? (['subject', 'html', 'text'] as const) : (['text'] as const);
    for (const part of parts) {
      const text = (content as Record<string, string>)[part] as string;
      const path = `content.${code}.${part}`;
      issues.push(...mergeFieldIssues(text, path));
      if (part === 'subject' && usesMergeField(text, 'unsubscribeUrl'))
        issues.push({ path, message: '{{unsubscribeUrl}} belongs in the message, not its subject' });
      // An email carries a visible link; an SMS's way out is replying STOP, which the sender's number handles.
      if (body.channel === 'email' && part !== 'subject' && !usesMergeField(text, 'unsubscribeUrl'))
        issues.push({
          path,
          message: 'a bulk message carries a visible unsubscribe link: put {{unsubscribeUrl}} in it (a footer, say)',
        });
      if (!survey && usesMergeField(text, 'surveyLink'))
        issues.push({ path, message: '{{surveyLink}} needs a survey: set surveyId, or a survey audience' });
      if (survey && part !== 'subject' && !usesMergeField(text, 'surveyLink'))
        issues.push({ path, message: 'a survey invitation carries each person’s link: put {{surveyLink}} in it' });
    }
  }
  return issues;
}

export const campaignBodySchema = campaignFields.superRefine((body, context) => {
  for (const issue of campaignContentIssues(body))
    context.addIssue({ code: 'custom', path: issue.path.split('.'), message: issue.message });
});
export type CampaignBody = z.infer<typeof campaignBodySchema>;

export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'sending', 'paused', 'sent', 'cancelled'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** Why a recipient of the audience was not sent to. */
export const SKIP_REASONS = [
  'no_consent',
  'refused',
  'suppressed',
  'no_address',
  'contact_gone',
  /** A survey campaign: the person answered meanwhile (a reminder), or their link cannot be given (revoked, or in a link file only). */
  'already_responded',
  'link_unavailable',
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

const count = z.number().int();
export const campaignCountsSchema = z.object({
  queued: count.describe('Enqueued and not yet sent, failed or skipped'),
  sent: count.describe('Accepted by SES'),
  delivered: count,
  bounced: count.describe('Bounced permanently: the address is suppressed'),
  softBounced: count.describe('Bounced for now (a full mailbox, say): SES tries again'),
  complained: count,
  failed: count.describe('Refused by SES, or sent with an outcome that could not be recorded'),
  skipped: count,
  skippedBy: z.record(z.enum(SKIP_REASONS), count),
});
export type CampaignCounts = z.infer<typeof campaignCountsSchema>;

export const campaignSchema = campaignFields.extend({
  id: z.uuid(),
  status: z.enum(CAMPAIGN_STATUSES),
  pausedReason: z.string().optional().describe('Why the campaign paused itself, or who paused it'),
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  startedAt: z.iso.datetime().optional(),
  finishedAt: z.iso.datetime().optional(),
  /** Each send or resume starts a run: the audience is enqueued again, and recipients already done are skipped. */
  run: count,
  audienceEnqueued: z.boolean().describe('Whether the current run has enqueued the whole audience'),
  counts: campaignCountsSchema,
});
export type Campaign = z.infer<typeof campaignSchema>;

export const emptyCounts = (): CampaignCounts => ({
  queued: 0,
  sent: 0,
  delivered: 0,
  bounced: 0,
  softBounced: 0,
  complained: 0,
  failed: 0,
  skipped: 0,
  skippedBy: Object.fromEntries(SKIP_REASONS.map((reason) => [reason, 0])) as Record<SkipReason, number>,
});
