import { describe, expect, it } from 'vitest';
import { type CampaignBody, campaignContentIssues } from '../../../shared/campaigns/campaign';
import { isOptOutKeyword } from '../../../shared/campaigns/sms-keywords';
import { countSms, renderSms } from '../../../shared/campaigns/sms-messages';

describe('SMS parts', () => {
  it.each([
    ['a'.repeat(160), 'GSM-7', 1],
    ['a'.repeat(161), 'GSM-7', 2],
    ['a'.repeat(306), 'GSM-7', 2],
    ['a'.repeat(307), 'GSM-7', 3],
    ['ć'.repeat(70), 'UCS-2', 1],
    ['ć'.repeat(71), 'UCS-2', 2],
    ['€'.repeat(80), 'GSM-7', 1],
    ['€'.repeat(81), 'GSM-7', 2],
    [`${'a'.repeat(152)}€${'a'.repeat(152)}`, 'GSM-7', 3],
    [`${'ć'.repeat(66)}😀${'ć'.repeat(66)}`, 'UCS-2', 3],
  ])('%#: counted as carriers bill them', (text, encoding, segments) => {
    expect(countSms(text)).toMatchObject({ encoding, segments });
  });

  it('sends typographic quotes as their GSM-7 look-alikes, as counted, and names what forces UCS-2', () => {
    expect(countSms('It’s “here”')).toMatchObject({ text: 'It\'s "here"', encoding: 'GSM-7', segments: 1 });
    expect(countSms('Siôn')).toMatchObject({ encoding: 'UCS-2', nonGsmCharacters: ['ô'] });
  });

  it('renders a contact’s text in their language, merged', () => {
    const rendered = renderSms(
      {
        defaultLanguage: 'en',
        content: { en: { text: 'Hi {{firstName|there}}' }, cy: { text: 'Helo {{firstName}}' } },
      },
      { firstName: 'Siân', language: 'cy-GB' },
      { cityName: 'Caerdydd' },
    );
    expect(rendered).toMatchObject({ language: 'cy', text: 'Helo Siân' });
  });
});

describe('an SMS campaign’s content', () => {
  const body = (content: CampaignBody['content']): CampaignBody => ({
    name: 'Texts',
    channel: 'sms',
    audience: { segmentId: '00000000-0000-4000-8000-000000000000' },
    defaultLanguage: 'en',
    content,
  });
  it('is one text per language, with no unsubscribe link required (the number answers STOP)', () => {
    expect(campaignContentIssues(body({ en: { text: 'News. Reply STOP to opt out' } }))).toEqual([]);
    expect(
      campaignContentIssues(body({ en: { subject: 'S', html: '{{unsubscribeUrl}}', text: '{{unsubscribeUrl}}' } })),
    ).toEqual([{ path: 'content.en', message: 'an SMS is one text: {"text": "..."}' }]);
    expect(campaignContentIssues({ ...body({ en: { text: 'x' } }), channel: 'email' })).toEqual([
      { path: 'content.en', message: 'an email has a subject, an HTML and a text part' },
    ]);
  });
});

describe('SMS replies', () => {
  it('read the required opt-out keywords in any case, and HELP as none', () => {
    for (const keyword of ['STOP', 'stop', 'Unsubscribe', 'ARRET', 'opt-out'])
      expect(isOptOutKeyword(keyword)).toBe(true);
    for (const keyword of ['HELP', 'START', 'yes', '']) expect(isOptOutKeyword(keyword)).toBe(false);
  });
});
