import { type PinpointSMSVoiceV2Client, SendTextMessageCommand } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import type { Campaign } from './campaign';
import type { CallOutcome, MessageChannel, Outgoing } from './message-channel';
import { renderSms } from './sms-messages';

export interface SmsChannelOptions {
  /** The pool, phone number or sender id campaigns send from (its ARN or id). */
  originationIdentity: string;
  /** Message parts a second the origination identity takes (its MPS). */
  partsPerSecond: number;
  cityName: string;
}

/**
 * SMS through AWS End User Messaging (pinpoint-sms-voice-v2 SendTextMessage), one recipient a call, paced in
 * message parts, as the service counts a number's throughput. Promotional: campaign texts are marketing in the
 * carriers' sense, and the number's managed opt-out list answers STOP.
 */
export class SmsChannelService implements MessageChannel {
  readonly channel = 'sms' as const;

  constructor(
    private readonly sms: Pick<PinpointSMSVoiceV2Client, 'send'>,
    private readonly options: SmsChannelOptions,
  ) {}

  async limits() {
    return { unitsPerSecond: this.options.partsPerSecond, perCall: 1 };
  }

  units(campaign: Campaign, messages: readonly Outgoing[]): number {
    return messages.reduce((parts, message) => parts + this.render(campaign, message).segments, 0);
  }

  async send(campaign: Campaign, messages: readonly Outgoing[]): Promise<CallOutcome> {
    const results: ({ messageId: string } | { failure: string })[] = [];
    for (const message of messages) {
      try {
        const { MessageId } = await this.sms.send(
          new SendTextMessageCommand({
            DestinationPhoneNumber: message.address,
            OriginationIdentity: this.options.originationIdentity,
            MessageBody: this.render(campaign, message).text,
            MessageType: 'PROMOTIONAL',
            Context: { campaign: campaign.id, contact: message.contact.id },
          }),
        );
        results.push(MessageId ? { messageId: MessageId } : { failure: 'no message id' });
      } catch (error) {
        const name = (error as Error).name;
        if (name === 'ThrottlingException') return results.length === 0 ? { throttled: true } : { results };
        if (name === 'ServiceQuotaExceededException' && results.length === 0)
          return {
            stopped: 'The account’s SMS spending limit is reached: raise it in End User Messaging, then resume.',
          };
        const reason = (error as { Reason?: string }).Reason;
        if (name === 'ConflictException' && reason === 'DESTINATION_PHONE_NUMBER_OPTED_OUT')
          results.push({ failure: 'opted_out' });
        else if (name === 'ValidationException') results.push({ failure: `invalid: ${reason ?? 'message'}` });
        else throw error;
      }
    }
    return { results };
  }

  private render(campaign: Campaign, message: Outgoing) {
    return renderSms(campaign, message.contact, {
      cityName: this.options.cityName,
      unsubscribeUrl: message.unsubscribeUrl,
      ...(message.surveyLink && { surveyLink: message.surveyLink }),
    });
  }
}
