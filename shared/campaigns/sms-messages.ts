import { SegmentedMessage } from 'sms-segments-calculator';
import type { Contact } from '../contacts/contact';
import type { Campaign, SmsContent } from './campaign';
import { type MergeValues, renderMergeFields } from './merge-fields';
import { contentLanguage } from './recipients';

/** One contact's SMS, rendered and counted as the carrier bills it. */
export interface RenderedSms {
  language: string;
  /** The text as sent: typographic quotes and dashes replaced by their GSM-7 look-alikes, as counted. */
  text: string;
  encoding: 'GSM-7' | 'UCS-2';
  /** Message parts: 160 GSM-7 characters (153 each when split), or 70 UCS-2 (67 when split). */
  segments: number;
  /** The characters that force UCS-2, for staff to see what doubles the cost. */
  nonGsmCharacters: string[];
}

/** The most parts one campaign SMS may have: past it, a message costs more than a letter. */
export const MAX_SMS_SEGMENTS = 10;

/**
 * Counts a text's parts with sms-segments-calculator (it splits on grapheme boundaries, counts GSM-7 escape
 * characters twice and UTF-16 surrogate pairs in UCS-2, as carriers do), after the same smart replacements it
 * counted with, so that what is sent is what was counted.
 */
export function countSms(text: string): Omit<RenderedSms, 'language'> {
  const message = new SegmentedMessage(text, 'auto', true);
  return {
    text: message.graphemes.join(''),
    encoding: message.encodingName === 'UCS-2' ? 'UCS-2' : 'GSM-7',
    segments: message.segmentsCount,
    nonGsmCharacters: message.getNonGsmCharacters(),
  };
}

export function renderSms(
  campaign: Pick<Campaign, 'content' | 'defaultLanguage'>,
  contact: Pick<Contact, 'firstName' | 'lastName' | 'ward' | 'language'>,
  values: { cityName: string; unsubscribeUrl?: string; surveyLink?: string },
): RenderedSms {
  const language = contentLanguage(Object.keys(campaign.content), contact.language, campaign.defaultLanguage);
  const content = campaign.content[language] as SmsContent;
  const merge: MergeValues = {
    cityName: values.cityName,
    ...(values.unsubscribeUrl && { unsubscribeUrl: values.unsubscribeUrl }),
    ...(values.surveyLink && { surveyLink: values.surveyLink }),
    ...(contact.firstName && { firstName: contact.firstName }),
    ...(contact.lastName && { lastName: contact.lastName }),
    ...(contact.ward && { ward: contact.ward }),
  };
  return { language, ...countSms(renderMergeFields(content.text, merge, 'text')) };
}
