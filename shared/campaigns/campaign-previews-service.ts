import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Contact } from '../contacts/contact';
import type { ContactsRepository } from '../contacts/contacts-repository';
import { NotFoundError, ValidationError } from '../core/errors';
import type { Campaign } from './campaign';
import type { CampaignsRepository } from './campaigns-repository';
import { renderEmail, unsubscribeHeaders } from './email-messages';
import type { MessageChannel } from './message-channel';
import { renderSms } from './sms-messages';
import { TEST_UNSUBSCRIBE_TOKEN } from './unsubscribe-service';
import { unsubscribePath, unsubscribeToken } from './unsubscribe-token';

export interface CampaignPreviewsOptions {
  from: string;
  configurationSet?: string;
  cityName: string;
  publicBaseUrl: string;
}

/** An E.164 number, as SMS test messages are addressed. */
const E164 = /^\+[1-9]\d{6,14}$/;

/** What staff look at before sending: one contact's message exactly as it would go, and test sends to themselves. */
export class CampaignPreviewsService {
  constructor(
    private readonly campaigns: CampaignsRepository,
    private readonly contacts: ContactsRepository,
    private readonly ses: Pick<SESv2Client, 'send'>,
    private readonly sms: MessageChannel | undefined,
    private readonly options: CampaignPreviewsOptions,
  ) {}

  /** Exactly what the contact would receive: the language chosen for them and every part, merged. */
  async preview(id: string, contactId: string) {
    const campaign = await this.read(id);
    const stored = await this.contacts.get(contactId);
    if (!stored) throw new NotFoundError(`No contact with id ${contactId}.`);
    const token = await unsubscribeToken({ contactId, campaignId: id });
    const unsubscribeUrl = `${this.options.publicBaseUrl}${unsubscribePath(token)}`;
    if (campaign.channel === 'sms')
      return {
        channel: 'sms' as const,
        contactId,
        to: stored.contact.phone ?? null,
        ...renderSms(campaign, stored.contact, { cityName: this.options.cityName, unsubscribeUrl }),
      };
    return {
      channel: 'email' as const,
      contactId,
      to: stored.contact.email ?? null,
      ...renderEmail(campaign, stored.contact, { cityName: this.options.cityName, unsubscribeUrl }),
      headers: Object.fromEntries(
        unsubscribeHeaders(unsubscribeUrl, this.options.from).map((header) => [header.Name, header.Value]),
      ),
    };
  }

  /**
   * Sends the message, marked as a test, to staff addresses (phone numbers for SMS): as `contactId` would get
   * it, or with no contact's values. Its unsubscribe link unsubscribes nobody.
   */
  async test(id: string, addresses: readonly string[], contactId?: string) {
    const campaign = await this.read(id);
    const contact = contactId ? (await this.contacts.get(contactId))?.contact : undefined;
    if (contactId && !contact) throw new NotFoundError(`No contact with id ${contactId}.`);
    const unsubscribeUrl = `${this.options.publicBaseUrl}${unsubscribePath(TEST_UNSUBSCRIBE_TOKEN)}`;
    if (campaign.channel === 'sms') return this.testSms(campaign, addresses, contact, unsubscribeUrl);
    const email = renderEmail(campaign, contact ?? {}, { cityName: this.options.cityName, unsubscribeUrl });
    const sent: { address: string; messageId: string }[] = [];
    for (const address of addresses) {
      const { MessageId } = await this.ses.send(
        new SendEmailCommand({
          FromEmailAddress: this.options.from,
          Destination: { ToAddresses: [address] },
          ...(this.options.configurationSet && { ConfigurationSetName: this.options.configurationSet }),
          Content: {
            Simple: {
              Subject: { Data: `[Test] ${email.subject}`, Charset: 'UTF-8' },
              Body: { Html: { Data: email.html, Charset: 'UTF-8' }, Text: { Data: email.text, Charset: 'UTF-8' } },
              Headers: unsubscribeHeaders(unsubscribeUrl, this.options.from),
            },
          },
        }),
      );
      sent.push({ address, messageId: MessageId ?? '' });
    }
    return { language: email.language, sent };
  }

  private async testSms(campaign: Campaign, addresses: readonly string[], contact: Contact | undefined, url: string) {
    const issues = addresses.flatMap((address, index) =>
      E164.test(address)
        ? []
        : [{ path: `body.addresses.${index}`, message: 'expected a phone number in E.164, such as +447911123456' }],
    );
    if (issues.length > 0) throw new ValidationError(issues);
    if (!this.sms) throw new ValidationError([{ path: 'body', message: 'SMS is not configured for this deployment' }]);
    const marked: Campaign = {
      ...campaign,
      content: Object.fromEntries(
        Object.entries(campaign.content).map(([language, content]) => [
          language,
          'text' in content && !('subject' in content) ? { text: `[Test] ${content.text}` } : content,
        ]),
      ),
    };
    const sample: Contact = contact ?? {
      id: '00000000-0000-4000-8000-000000000000',
      tags: [],
      attributes: {},
      consent: {},
      createdAt: '',
      updatedAt: '',
    };
    const sent: { address: string; messageId: string }[] = [];
    for (const address of addresses) {
      const outcome = await this.sms.send(marked, [{ contact: sample, address, unsubscribeUrl: url }]);
      const result = 'results' in outcome ? outcome.results[0] : undefined;
      sent.push({ address, messageId: result && 'messageId' in result ? result.messageId : '' });
    }
    return { language: renderSms(campaign, sample, { cityName: this.options.cityName }).language, sent };
  }

  private async read(id: string): Promise<Campaign> {
    const campaign = await this.campaigns.get(id);
    if (!campaign) throw new NotFoundError(`No campaign with id ${id}.`);
    return campaign;
  }
}
