import { describe, expect, it } from 'vitest';
import { apiUrl, call } from '../api-client';
import { citizen, createSurvey, mintLinks, wardWithContacts } from '../surveys-client';

const run = Date.now().toString(36);

/** The form fields of a complete visitor's answers, as the page's inputs name them. */
const visitorForm = () =>
  new URLSearchParams([
    ['lang', 'en'],
    ['q.visits', 'yes'],
    ['q.how_often', 'weekly'],
    ['q.activities', 'walk'],
    ['q.activities', 'play'],
    ['q.play_age', '7'],
    ['q.satisfaction', '4'],
    ['q.priorities.toilets', '2'],
    ['q.priorities.lighting', '1'],
    ['q.priorities.benches', '3'],
    ['q.facilities.paths', 'good'],
    ['q.facilities.cafe', 'ok'],
    ['q.last_visit', '2026-10-03'],
    ['q.comments', 'More <b>bins</b>'],
  ]);

const ids = (html: string) => new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]));

describe('the citizen page without JavaScript', () => {
  it('renders the survey as an accessible form in the citizen’s language', async () => {
    const { segmentId } = await wardWithContacts(1, `Page ${run}`, () => ({ language: 'cy' }));
    const survey = await createSurvey();
    const [link] = (await mintLinks(survey.id, segmentId)).links as unknown as [{ token: string }];

    const page = await citizen('GET', `/s/${link.token}`, { html: true });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    // No other site may frame it (clickjacking).
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    const html = page.text;
    expect(html).toContain('<html lang="cy">');
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('<h1>Cynlluniau parc glan yr afon</h1>');
    expect(html).not.toContain('<script');
    // Every input has a label, and every group of inputs a fieldset with a legend.
    const inputIds = [...html.matchAll(/<(?:input|select|textarea)(?![^>]*type="hidden")[^>]*\sid="([^"]+)"/g)].map(
      (match) => match[1],
    );
    expect(inputIds.length).toBeGreaterThan(20);
    for (const id of inputIds) expect(html, id).toContain(`for="${id}"`);
    expect(html.match(/<fieldset/g)?.length).toBe(html.match(/<legend>/g)?.length);
    expect(html).toContain('<form method="post" action="/s/');
    // Links to the other language.
    expect(html).toMatch(/<a href="\/s\/[^"]+\?lang=en" hreflang="en" lang="en">English<\/a>/);
  });

  it('shows an error summary linking to each field, keeps what was entered, then saves', async () => {
    const { segmentId } = await wardWithContacts(1, `Form ${run}`);
    const survey = await createSurvey();
    const [link] = (await mintLinks(survey.id, segmentId)).links as unknown as [{ token: string }];
    const path = `/s/${link.token}`;

    const form = visitorForm();
    form.delete('q.satisfaction');
    form.set('q.how_often', 'hourly');
    const refused = await citizen('POST', path, { form, html: true });
    expect(refused.status).toBe(400);
    const html = refused.text;
    expect(html).toContain('<title>Error: Riverside park plans</title>');
    expect(html).toContain('role="alert"');
    const summaryLinks = [...html.matchAll(/<li><a href="#([^"]+)">([^<]+)<\/a><\/li>/g)];
    expect(summaryLinks.map((match) => match[2])).toEqual([
      'How often? Not an option of this question: hourly',
      'How satisfied are you with the park? An answer is required',
    ]);
    for (const [, target] of summaryLinks) expect(ids(html)).toContain(target);
    expect(html).toContain('aria-describedby="q-satisfaction-error"');
    // What was entered stays, escaped.
    expect(html).toContain('value="walk" checked');
    expect(html).toContain('More &lt;b&gt;bins&lt;/b&gt;');

    const saved = await citizen('POST', path, { form: visitorForm(), html: true });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`${path}?saved=1&lang=en`);
    const after = await citizen('GET', `${path}?saved=1&lang=en`, { html: true });
    expect(after.text).toContain('Thank you: your answers are saved.');
    expect(after.text).toContain('value="play" checked');
    expect(after.text).toContain('Save my changes');

    const json = await citizen('GET', path);
    expect(json.body.response.answers).toMatchObject({
      comments: 'More <b>bins</b>',
      priorities: ['lighting', 'toilets', 'benches'],
    });
  });

  it('tells the holder of an anonymous survey’s link that the answers are in and cannot be shown or changed', async () => {
    const { segmentId } = await wardWithContacts(1, `Anonymous page ${run}`);
    const survey = await createSurvey({ anonymous: true });
    const [link] = (await mintLinks(survey.id, segmentId)).links as unknown as [{ token: string }];
    const path = `/s/${link.token}`;
    const saved = await citizen('POST', path, { form: visitorForm(), html: true });
    expect(saved.status).toBe(303);
    const after = await citizen('GET', saved.headers.get('location') as string, { html: true });
    expect(after.text).toContain('they are kept apart from this link and cannot be shown or changed');
    expect(after.text).not.toContain('<form');
    expect(after.text).not.toContain('value="play" checked');
    // Posting again changes nothing and lands on the same page.
    const again = await citizen('POST', path, { form: visitorForm(), html: true });
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe(`${path}?lang=en`);
    const results = await call('GET', `/surveys/${survey.id}/results`, { role: 'viewer' });
    expect(results.body.responses).toBe(1);
  });

  it('takes form posts only from the survey’s own page, so another site cannot post answers through a visitor', async () => {
    const { segmentId } = await wardWithContacts(1, `Forged ${run}`);
    const survey = await createSurvey();
    const [link] = (await mintLinks(survey.id, segmentId)).links as unknown as [{ token: string }];
    const path = `/s/${link.token}`;
    const page = await citizen('GET', path, { html: true });
    expect(page.headers.get('referrer-policy')).toBe('same-origin');
    for (const headers of [
      { origin: 'https://evil.example' } as Record<string, string>,
      { origin: 'null' },
      { origin: '', referer: 'https://evil.example/page' },
    ]) {
      const forged = await citizen('POST', path, { form: visitorForm(), html: true, headers });
      expect(forged.status, JSON.stringify(headers)).toBe(403);
      expect(forged.text).toContain('Answers can only be sent from the survey’s own page.');
    }
    const fromReferer = await citizen('POST', path, {
      form: visitorForm(),
      html: true,
      headers: { origin: '', referer: `${new URL(apiUrl()).origin}${path}` },
    });
    expect(fromReferer.status).toBe(303);
    const results = await call('GET', `/surveys/${survey.id}/results`, { role: 'viewer' });
    expect(results.body.responses).toBe(1);
  });

  it('asks for cookies when a one-per-device survey is answered from a browser that sent none', async () => {
    const survey = await createSurvey();
    const enabled = await call('PUT', `/surveys/${survey.id}/public-link`, {
      role: 'manager',
      json: { onePerDevice: true },
    });
    const path = `/s/${enabled.body.publicLink.token}`;
    const refused = await citizen('POST', path, { form: visitorForm(), html: true });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Allow cookies for this site, then open the link again.');
    const page = await citizen('GET', path, { html: true });
    const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const saved = await citizen('POST', path, { form: visitorForm(), html: true, headers: { cookie } });
    expect(saved.status).toBe(303);
  });

  it('answers unknown and closed links with a plain page and the right status', async () => {
    const unknown = await citizen('GET', `/s/${'B'.repeat(27)}`, { html: true });
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('<h1>Survey not found</h1>');
    const inWelsh = await citizen('GET', `/s/${'B'.repeat(27)}`, { html: true, headers: { 'accept-language': 'cy' } });
    expect(inWelsh.text).toContain('<html lang="cy">');
    expect(inWelsh.text).toContain('<h1>Heb ddod o hyd i’r arolwg</h1>');
    const { segmentId } = await wardWithContacts(1, `Closed page ${run}`);
    const survey = await createSurvey();
    const [link] = (await mintLinks(survey.id, segmentId)).links as unknown as [{ token: string }];
    await call('POST', `/surveys/${survey.id}/close`, { role: 'manager' });
    const closed = await citizen('POST', `/s/${link.token}`, { form: visitorForm(), html: true });
    expect(closed.status).toBe(410);
    expect(closed.text).toContain('<h1>This survey has closed</h1>');
  });
});
