import { describe, expect, it } from 'vitest';
import { apiUrl } from '../api-client';
import { useChromium } from '../chromium';
import { citizen, createSurvey, mintLinks, wardWithContacts } from '../surveys-client';

const run = Date.now().toString(36);

/**
 * A citizen on a small phone with JavaScript off: the page is filled in with the keyboard and taps, sent with
 * a mistake, corrected from the error summary, and sent again.
 */
describe('the citizen page in headless Chromium', () => {
  const browser = useChromium();

  it('is answered with JavaScript off on a 360 px screen', async () => {
    const { segmentId } = await wardWithContacts(1, `Browser ${run}`);
    const survey = await createSurvey();
    const [link] = (await mintLinks(survey.id, segmentId)).links as unknown as [{ token: string }];
    const context = await browser().newContext({
      javaScriptEnabled: false,
      viewport: { width: 360, height: 640 },
      locale: 'en-GB',
    });
    const page = await context.newPage();
    await page.goto(`${apiUrl()}/s/${link.token}`);
    expect(await page.title()).toBe('Riverside park plans');
    // Nothing is wider than the screen.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);

    await page.getByLabel('Yes', { exact: true }).check();
    await page.getByLabel('Option weekly').check();
    await page.getByLabel('Option walk').check();
    await page.getByRole('textbox', { name: /Anything else/ }).fill('A bench by the pond');
    // The keyboard reaches the send button.
    await page.getByRole('button', { name: 'Send my answers' }).focus();
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);

    expect(await page.title()).toBe('Error: Riverside park plans');
    const summary = page.getByRole('alert');
    await expect
      .poll(() => summary.textContent())
      .toContain('How satisfied are you with the park? An answer is required');
    await summary.getByRole('link', { name: /How satisfied/ }).click();
    expect(await page.evaluate('location.hash')).toBe('#q-satisfaction-1');
    // What was entered is still there.
    expect(await page.getByLabel('Option walk').isChecked()).toBe(true);
    expect(await page.getByRole('textbox', { name: /Anything else/ }).inputValue()).toBe('A bench by the pond');

    await page.getByLabel('5 – Very').check();
    await Promise.all([page.waitForURL(/\?saved=1/), page.getByRole('button', { name: 'Send my answers' }).click()]);
    expect(page.url()).toContain('?saved=1');
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Thank you: your answers are saved.');
    await context.close();

    const saved = await citizen('GET', `/s/${link.token}`);
    expect(saved.body.response.answers).toEqual({
      visits: true,
      how_often: 'weekly',
      activities: ['walk'],
      satisfaction: 5,
      comments: 'A bench by the pond',
    });
  });
});
