import { describe, expect, it } from 'vitest';
import { bulkEmailRequest, MAX_BULK_ENTRIES, renderEmail } from '../../../shared/campaigns/email-messages';

const email = { language: 'en', subject: 'S', html: '<p>H</p>', text: 'T' };
const recipient = (index: number) => ({
  contactId: `contact-${index}`,
  address: `r${index}@example.org`,
  unsubscribeUrl: `https://city.example/u/token-${index}`,
  email,
});

describe('a bulk email call', () => {
  it('carries each recipient’s own message, List-Unsubscribe and contact tag; the one-click header once, in the template', () => {
    const request = bulkEmailRequest('campaign-1', [recipient(1), recipient(2)], {
      from: 'news@city.example',
      configurationSet: 'campaigns',
    });
    expect(request.ConfigurationSetName).toBe('campaigns');
    expect(request.DefaultEmailTags).toEqual([{ Name: 'campaign', Value: 'campaign-1' }]);
    expect(request.DefaultContent?.Template?.Headers).toEqual([
      { Name: 'List-Unsubscribe-Post', Value: 'List-Unsubscribe=One-Click' },
    ]);
    const [first] = request.BulkEmailEntries ?? [];
    expect(first?.Destination?.ToAddresses).toEqual(['r1@example.org']);
    expect(first?.ReplacementTags).toEqual([{ Name: 'contact', Value: 'contact-1' }]);
    expect(first?.ReplacementHeaders).toEqual([
      {
        Name: 'List-Unsubscribe',
        Value: '<https://city.example/u/token-1>, <mailto:news@city.example?subject=unsubscribe>',
      },
    ]);
    expect(JSON.parse(first?.ReplacementEmailContent?.ReplacementTemplate?.ReplacementTemplateData ?? '')).toEqual({
      subject: 'S',
      html: '<p>H</p>',
      text: 'T',
    });
    // Triple braces: SES passes the rendered parts on unescaped.
    expect(request.DefaultContent?.Template?.TemplateContent).toEqual({
      Subject: '{{{subject}}}',
      Html: '{{{html}}}',
      Text: '{{{text}}}',
    });
  });

  it('takes 1 to 50 recipients, SES’s limit, which the local stand-in does not check', () => {
    const many = Array.from({ length: MAX_BULK_ENTRIES + 1 }, (_, index) => recipient(index));
    expect(() => bulkEmailRequest('c', many.slice(0, MAX_BULK_ENTRIES), { from: 'a@b.org' })).not.toThrow();
    expect(() => bulkEmailRequest('c', many, { from: 'a@b.org' })).toThrow(RangeError);
    expect(() => bulkEmailRequest('c', [], { from: 'a@b.org' })).toThrow(RangeError);
  });
});

describe('a rendered message', () => {
  it('is in the contact’s language, merged', () => {
    const rendered = renderEmail(
      {
        defaultLanguage: 'en',
        content: {
          en: { subject: 'Hi {{firstName|there}}', html: '<p>{{cityName}}</p>', text: '{{unsubscribeUrl}}' },
          cy: { subject: 'Helo {{firstName}}', html: '<p>{{cityName}}</p>', text: '{{unsubscribeUrl}}' },
        },
      },
      { firstName: 'Siân', language: 'cy' },
      { cityName: 'Caerdydd', unsubscribeUrl: 'https://x/u/t' },
    );
    expect(rendered).toEqual({ language: 'cy', subject: 'Helo Siân', html: '<p>Caerdydd</p>', text: 'https://x/u/t' });
  });
});
