import { describe, expect, it } from 'vitest';
import { type CampaignBody, campaignContentIssues } from '../../../shared/campaigns/campaign';
import { mergeFieldIssues, renderMergeFields, usesMergeField } from '../../../shared/campaigns/merge-fields';

describe('merge fields', () => {
  it('fills known fields, with a fallback where the contact has no value', () => {
    expect(renderMergeFields('Dear {{firstName|resident}} of {{ ward }}', { ward: 'Riverside' }, 'text')).toBe(
      'Dear resident of Riverside',
    );
    expect(renderMergeFields('Hi {{firstName}}!', { firstName: 'Ann' }, 'text')).toBe('Hi Ann!');
  });

  it('escapes values in HTML, so a contact’s name cannot inject markup', () => {
    expect(renderMergeFields('<p>{{firstName}}</p>', { firstName: '<script>x</script> & "co"' }, 'html')).toBe(
      '<p>&lt;script&gt;x&lt;/script&gt; &amp; &quot;co&quot;</p>',
    );
    expect(renderMergeFields('{{firstName}}', { firstName: 'A & B' }, 'text')).toBe('A & B');
  });

  it('names every unknown field and every unmatched brace, at the given path', () => {
    expect(mergeFieldIssues('Hi {{nickname}} {{firstName}} {{ }}', 'content.en.subject')).toEqual([
      expect.objectContaining({ path: 'content.en.subject', message: expect.stringContaining('{{nickname}} is not') }),
      expect.objectContaining({ message: expect.stringContaining('{{ }} is not') }),
    ]);
    expect(mergeFieldIssues('Hi {{firstName', 'p')).toEqual([
      { path: 'p', message: 'an unmatched {{: merge fields are written {{firstName}}' },
    ]);
    expect(mergeFieldIssues('Plain text, {single} braces', 'p')).toEqual([]);
  });

  it('tells whether a text uses a field', () => {
    expect(usesMergeField('<a href="{{ unsubscribeUrl }}">', 'unsubscribeUrl')).toBe(true);
    expect(usesMergeField('unsubscribeUrl', 'unsubscribeUrl')).toBe(false);
  });
});

describe('a campaign’s content', () => {
  const body = (content: CampaignBody['content'], defaultLanguage = 'en'): CampaignBody => ({
    name: 'News',
    channel: 'email',
    audience: { segmentId: '00000000-0000-4000-8000-000000000000' },
    defaultLanguage,
    content,
  });
  const good = { subject: 'News', html: '<a href="{{unsubscribeUrl}}">Stop</a>', text: 'Stop: {{unsubscribeUrl}}' };

  it('needs its default language among its languages', () => {
    expect(campaignContentIssues(body({ en: good }, 'cy'))).toEqual([
      { path: 'defaultLanguage', message: "expected one of the content's languages (en)" },
    ]);
  });

  it('needs a visible unsubscribe link in both parts of every language, and none in a subject', () => {
    const issues = campaignContentIssues(
      body({ en: good, fr: { subject: 'Stop {{unsubscribeUrl}}', html: '<p>Bonjour</p>', text: 'Bonjour' } }),
    );
    expect(issues.map((issue) => issue.path)).toEqual(['content.fr.subject', 'content.fr.html', 'content.fr.text']);
  });

  it('needs a survey for {{surveyLink}}, and the link in both parts of a survey invitation', () => {
    const withLink = { ...good, html: `${good.html} {{surveyLink}}`, text: `${good.text} {{surveyLink}}` };
    expect(campaignContentIssues(body({ en: withLink })).map((issue) => issue.message)).toEqual([
      '{{surveyLink}} needs a survey: set surveyId, or a survey audience',
      '{{surveyLink}} needs a survey: set surveyId, or a survey audience',
    ]);
    const invitation = { ...body({ en: good }), surveyId: '00000000-0000-4000-8000-000000000001' };
    expect(campaignContentIssues(invitation).map((issue) => issue.path)).toEqual([
      'content.en.html',
      'content.en.text',
    ]);
    expect(campaignContentIssues({ ...invitation, content: { en: withLink } })).toEqual([]);
    const reminder = {
      ...body({ en: withLink }),
      audience: { surveyId: '00000000-0000-4000-8000-000000000001', invitees: 'notResponded' as const },
    };
    expect(campaignContentIssues(reminder)).toEqual([]);
    expect(campaignContentIssues({ ...reminder, surveyId: reminder.audience.surveyId })).toEqual([
      { path: 'surveyId', message: 'a survey audience is invited to its own survey: leave surveyId out' },
    ]);
  });

  it('accepts a well-formed campaign', () => {
    expect(campaignContentIssues(body({ en: good }))).toEqual([]);
  });
});
