import { type SESv2Client, SendBulkEmailCommand } from '@aws-sdk/client-sesv2';
import { isSesQuotaSpent, isSesSendingStopped, isSesThrottling, type SendingQuota } from '../core/email/ses';
import type { Campaign } from './campaign';
import { bulkEmailRequest, MAX_BULK_ENTRIES, renderEmail } from './email-messages';
import type { CallOutcome, MessageChannel, Outgoing } from './message-channel';

/** Email through SES v2: SendBulkEmail, up to 50 recipients a call, paced to the account's MaxSendRate. */
export class EmailChannelService implements MessageChannel {
  readonly channel = 'email' as const;

  constructor(
    private readonly ses: Pick<SESv2Client, 'send'>,
    private readonly quota: () => Promise<SendingQuota>,
    private readonly options: { from: string; configurationSet?: string; cityName: string },
  ) {}

  async limits() {
    return { unitsPerSecond: (await this.quota()).maxSendRate, perCall: MAX_BULK_ENTRIES };
  }

  units(_: Campaign, messages: readonly Outgoing[]): number {
    return messages.length;
  }

  async send(campaign: Campaign, messages: readonly Outgoing[]): Promise<CallOutcome> {
    const entries = messages.map(({ contact, address, unsubscribeUrl, surveyLink }) => ({
      contactId: contact.id,
      address,
      unsubscribeUrl,
      email: renderEmail(campaign, contact, {
        cityName: this.options.cityName,
        unsubscribeUrl,
        ...(surveyLink && { surveyLink }),
      }),
    }));
    try {
      const answer = await this.ses.send(
        new SendBulkEmailCommand(
          bulkEmailRequest(campaign.id, entries, {
            from: this.options.from,
            ...(this.options.configurationSet && { configurationSet: this.options.configurationSet }),
          }),
        ),
      );
      const results = answer.BulkEmailEntryResults ?? [];
      return {
        results: messages.map((_, index) => {
          const result = results[index];
          return result?.Status === 'SUCCESS' && result.MessageId
            ? { messageId: result.MessageId }
            : { failure: result?.Status ?? 'no result' };
        }),
      };
    } catch (error) {
      if (isSesThrottling(error)) return { throttled: true };
      // Retrying for hours would only poison the chunks: the campaign waits, saying why, and resumes on request.
      if (isSesQuotaSpent(error))
        return {
          stopped:
            'SES’s 24-hour sending quota is spent; resume once it has room again (GET /campaigns/{id}/audience shows who is left)',
        };
      if (isSesSendingStopped(error))
        return {
          stopped: `SES stopped sending for this account (${(error as Error).name}); resume once it sends again`,
        };
      throw error;
    }
  }
}
