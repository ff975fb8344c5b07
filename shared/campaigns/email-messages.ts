import type { SendBulkEmailCommandInput } from '@aws-sdk/client-sesv2';
import type { Contact } from '../contacts/contact';
import type { Campaign, EmailContent } from './campaign';
import { type MergeValues, renderMergeFields } from './merge-fields';
import { contentLanguage } from './recipients';

/** SendBulkEmail takes at most this many entries (destinations) a call. */
export const MAX_BULK_ENTRIES = 50;

/** One contact's message, rendered: exactly what the preview shows and what is sent. */
export interface RenderedEmail {
  language: string;
  subject: string;
  html: string;
  text: string;
}

export function renderEmail(
  campaign: Pick<Campaign, 'content' | 'defaultLanguage'>,
  contact: Pick<Contact, 'firstName' | 'lastName' | 'ward' | 'language'>,
  values: { cityName: string; unsubscribeUrl: string; surveyLink?: string },
): RenderedEmail {
  const language = contentLanguage(Object.keys(campaign.content), contact.language, campaign.defaultLanguage);
  const content = campaign.content[language] as EmailContent;
  const merge: MergeValues = {
    cityName: values.cityName,
    unsubscribeUrl: values.unsubscribeUrl,
    ...(values.surveyLink && { surveyLink: values.surveyLink }),
    ...(contact.firstName && { firstName: contact.firstName }),
    ...(contact.lastName && { lastName: contact.lastName }),
    ...(contact.ward && { ward: contact.ward }),
  };
  return {
    language,
    subject: renderMergeFields(content.subject, merge, 'text'),
    html: renderMergeFields(content.html, merge, 'html'),
    text: renderMergeFields(content.text, merge, 'text'),
  };
}

/** The headers of RFC 8058's one-click unsubscribe, for one recipient. */
export function unsubscribeHeaders(unsubscribeUrl: string, mailto: string) {
  return [
    { Name: 'List-Unsubscribe', Value: `<${unsubscribeUrl}>, <mailto:${mailto}?subject=unsubscribe>` },
    { Name: 'List-Unsubscribe-Post', Value: 'List-Unsubscribe=One-Click' },
  ];
}

export interface BulkRecipient {
  contactId: string;
  address: string;
  email: RenderedEmail;
  unsubscribeUrl: string;
}

/**
 * One SendBulkEmail call for up to 50 recipients. Each recipient's message is rendered here and handed to SES
 * whole (a template of three unescaped values), so that every recipient gets their own language and SES sends
 * exactly what the preview showed; each entry carries its own List-Unsubscribe, and tags that name the campaign
 * and the contact, which SES's events carry back.
 */
export function bulkEmailRequest(
  campaignId: string,
  recipients: readonly BulkRecipient[],
  sender: { from: string; configurationSet?: string },
): SendBulkEmailCommandInput {
  if (recipients.length === 0 || recipients.length > MAX_BULK_ENTRIES)
    throw new RangeError(`A bulk call takes 1 to ${MAX_BULK_ENTRIES} recipients, not ${recipients.length}`);
  return {
    FromEmailAddress: sender.from,
    ...(sender.configurationSet && { ConfigurationSetName: sender.configurationSet }),
    DefaultEmailTags: [{ Name: 'campaign', Value: campaignId }],
    DefaultContent: {
      Template: {
        TemplateContent: { Subject: '{{{subject}}}', Html: '{{{html}}}', Text: '{{{text}}}' },
        TemplateData: JSON.stringify({ subject: '', html: '', text: '' }),
        Headers: [{ Name: 'List-Unsubscribe-Post', Value: 'List-Unsubscribe=One-Click' }],
      },
    },
    BulkEmailEntries: recipients.map((recipient) => ({
      Destination: { ToAddresses: [recipient.address] },
      ReplacementTags: [{ Name: 'contact', Value: recipient.contactId }],
      ReplacementHeaders: unsubscribeHeaders(recipient.unsubscribeUrl, sender.from).filter(
        (header) => header.Name === 'List-Unsubscribe',
      ),
      ReplacementEmailContent: {
        ReplacementTemplate: {
          ReplacementTemplateData: JSON.stringify({
            subject: recipient.email.subject,
            html: recipient.email.html,
            text: recipient.email.text,
          }),
        },
      },
    })),
  };
}
