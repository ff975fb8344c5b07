import * as z from 'zod';
import { refuseConsent } from '../contacts/consent-refusal-service';
import type { ContactsRepository } from '../contacts/contacts-repository';
import { isOptOutKeyword } from './sms-keywords';

/** Two-way SMS's inbound payload, as End User Messaging publishes it to the number's SNS topic. */
export const smsReplySchema = z.object({
  originationNumber: z.string(),
  destinationNumber: z.string(),
  messageKeyword: z.string().optional(),
  messageBody: z.string(),
  inboundMessageId: z.string(),
});
export type SmsReply = z.infer<typeof smsReplySchema>;

/**
 * Replies to the campaign number: an opt-out keyword (STOP, UNSUBSCRIBE …) withdraws the sender's SMS consent at
 * once, as a refusal with the time and the reply as its source, which no import overrides. The number's managed
 * opt-out list refuses further texts to them as well; HELP is answered by the number and changes nothing here.
 */
export class SmsRepliesService {
  constructor(
    private readonly contacts: ContactsRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** What the reply changed: the contact who opted out, or nothing. */
  async record(reply: SmsReply): Promise<{ optedOut?: string }> {
    const keyword = (reply.messageKeyword || reply.messageBody.trim().split(/\s+/)[0]) ?? '';
    if (!isOptOutKeyword(keyword)) return {};
    const id = await this.contacts.findIdBy('phone', reply.originationNumber);
    if (!id) return {};
    const after = await refuseConsent(this.contacts, id, {
      channel: 'sms',
      source: `SMS reply “${keyword.toUpperCase()}” to ${reply.destinationNumber}`,
      at: this.now(),
    });
    return after ? { optedOut: after.id } : {};
  }
}
