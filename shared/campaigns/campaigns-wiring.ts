import * as z from 'zod';
import { ContactsRepository } from '../contacts/contacts-repository';
import { runtimeEnv } from '../core/config/runtime-env';
import { documentClient } from '../core/db/client';
import { sendingQuota, sesClient } from '../core/email/ses';
import { QUEUE_TRIGGERS } from '../core/queues/queues';
import { enqueue } from '../core/queues/sqs';
import { smsClient } from '../core/sms/sms-client';
import { SegmentsRepository } from '../segments/segments-repository';
import { SurveyInvitationsService } from '../surveys/survey-invitations-service';
import { SurveysRepository } from '../surveys/surveys-repository';
import { AudienceCountService } from './audience-count-service';
import { type AudiencePage, CampaignAudienceJob } from './campaign-audience-job';
import { CampaignPreviewsService } from './campaign-previews-service';
import { CampaignSendJob } from './campaign-send-job';
import { CampaignsRepository } from './campaigns-repository';
import { CampaignsService } from './campaigns-service';
import { DeliveriesRepository } from './deliveries-repository';
import { EmailChannelService } from './email-channel-service';
import { MessageEventsService } from './message-events-service';
import { SendPacer } from './send-pacer';
import { SmsChannelService } from './sms-channel-service';
import { SmsRepliesService } from './sms-replies-service';
import { UnsubscribeService } from './unsubscribe-service';

/** What the campaign functions need beyond every function's environment: where to send, and from whom. */
const messagingEnvSchema = z.object({
  SENDER_EMAIL: z.email(),
  SES_CONFIGURATION_SET: z.string().min(1).optional(),
  CITIZEN_BASE_URL: z.url(),
  CAMPAIGN_AUDIENCE_QUEUE_URL: z.string().min(1),
  CAMPAIGN_SENDS_QUEUE_URL: z.string().min(1),
  SMS_ORIGINATION_IDENTITY: z.string().min(1).optional(),
  SMS_PARTS_PER_SECOND: z.coerce.number().positive().default(1),
  SMS_PRICE_PER_SEGMENT: z.coerce.number().min(0).default(0),
});
export const messagingEnv = () => messagingEnvSchema.parse(process.env);

const repositories = () => {
  const table = runtimeEnv().TABLE_NAME;
  return {
    campaigns: new CampaignsRepository(documentClient, table),
    deliveries: new DeliveriesRepository(documentClient, table),
    segments: new SegmentsRepository(documentClient, table),
    surveys: new SurveysRepository(documentClient, table),
    contacts: new ContactsRepository(documentClient, table),
  };
};

const audienceQueue = (urls = messagingEnv()) => ({
  pages: (messages: unknown[]) => enqueue(urls.CAMPAIGN_AUDIENCE_QUEUE_URL, messages),
  chunks: (messages: unknown[]) => enqueue(urls.CAMPAIGN_SENDS_QUEUE_URL, messages),
});

let staff: CampaignsService | undefined;
export function campaignsService(): CampaignsService {
  if (!staff) {
    const env = messagingEnv();
    const { campaigns, deliveries, segments, surveys, contacts } = repositories();
    staff = new CampaignsService(
      campaigns,
      deliveries,
      segments,
      surveys,
      contacts,
      () => sendingQuota(),
      (page: AudiencePage) => audienceQueue(env).pages([page]),
      { smsConfigured: env.SMS_ORIGINATION_IDENTITY !== undefined },
    );
  }
  return staff;
}

let previews: CampaignPreviewsService | undefined;
export function campaignPreviewsService(): CampaignPreviewsService {
  if (!previews) {
    const env = messagingEnv();
    const { campaigns, contacts } = repositories();
    previews = new CampaignPreviewsService(campaigns, contacts, sesClient, messageChannels(env).sms, {
      from: env.SENDER_EMAIL,
      cityName: runtimeEnv().CITY_NAME,
      publicBaseUrl: env.CITIZEN_BASE_URL,
      ...(env.SES_CONFIGURATION_SET && { configurationSet: env.SES_CONFIGURATION_SET }),
    });
  }
  return previews;
}

let audience: CampaignAudienceJob | undefined;
export function campaignAudienceJob(): CampaignAudienceJob {
  if (!audience) {
    const { campaigns, segments, surveys, contacts } = repositories();
    audience = new CampaignAudienceJob(campaigns, segments, surveys, contacts, audienceQueue());
  }
  return audience;
}

const SENDER = QUEUE_TRIGGERS.find((trigger) => trigger.queue === 'campaignSends');
let sender: CampaignSendJob | undefined;
export function campaignSendJob(): CampaignSendJob {
  if (!sender) {
    const env = messagingEnv();
    const { campaigns, deliveries, contacts, surveys } = repositories();
    const timeoutSeconds = SENDER?.timeoutSeconds ?? 60;
    sender = new CampaignSendJob(
      campaigns,
      deliveries,
      contacts,
      { surveys, invitations: new SurveyInvitationsService(surveys) },
      messageChannels(env),
      new SendPacer(SENDER?.maxConcurrency ?? 2),
      {
        publicBaseUrl: env.CITIZEN_BASE_URL,
        // Twice the function's timeout: a live attempt never loses its claims, a dead one's lapse soon after.
        leaseMs: timeoutSeconds * 2000,
      },
    );
  }
  return sender;
}

/** The channels this deployment sends on: email always, SMS once an origination identity is configured. */
function messageChannels(env: ReturnType<typeof messagingEnv>) {
  const cityName = runtimeEnv().CITY_NAME;
  return {
    email: new EmailChannelService(sesClient, () => sendingQuota(), {
      from: env.SENDER_EMAIL,
      cityName,
      ...(env.SES_CONFIGURATION_SET && { configurationSet: env.SES_CONFIGURATION_SET }),
    }),
    ...(env.SMS_ORIGINATION_IDENTITY && {
      sms: new SmsChannelService(smsClient, {
        originationIdentity: env.SMS_ORIGINATION_IDENTITY,
        partsPerSecond: env.SMS_PARTS_PER_SECOND,
        cityName,
      }),
    }),
  };
}

let events: MessageEventsService | undefined;
export function messageEventsService(): MessageEventsService {
  if (!events) {
    const { campaigns, deliveries } = repositories();
    events = new MessageEventsService(campaigns, deliveries);
  }
  return events;
}

let audienceCounts: AudienceCountService | undefined;
export function audienceCountService(): AudienceCountService {
  if (!audienceCounts) {
    const { campaigns, deliveries, segments, surveys, contacts } = repositories();
    const env = messagingEnv();
    audienceCounts = new AudienceCountService(campaigns, deliveries, segments, surveys, contacts, {
      cityName: runtimeEnv().CITY_NAME,
      publicBaseUrl: env.CITIZEN_BASE_URL,
      pricePerSegment: env.SMS_PRICE_PER_SEGMENT,
    });
  }
  return audienceCounts;
}

let replies: SmsRepliesService | undefined;
export function smsRepliesService(): SmsRepliesService {
  replies ??= new SmsRepliesService(repositories().contacts);
  return replies;
}

let unsubscribes: UnsubscribeService | undefined;
export function unsubscribeService(): UnsubscribeService {
  if (!unsubscribes) {
    const { contacts, campaigns } = repositories();
    unsubscribes = new UnsubscribeService(contacts, campaigns);
  }
  return unsubscribes;
}
