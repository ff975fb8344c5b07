import { describe, expect, it } from 'vitest';
import { call } from '../api-client';
import { useChromium } from '../chromium';
import {
  campaignFor,
  consenting,
  contact,
  outboxFor,
  run,
  segmentOf,
  sendAndWait,
  unsubscribeUrlOf,
} from './campaigns-client';

/**
 * A Welsh resident opens the unsubscribe link of a campaign email on a small phone with JavaScript off: the
 * page asks in Welsh, the keyboard reaches its one button, and pressing it unsubscribes them at once.
 */
describe('the unsubscribe page in headless Chromium', () => {
  const browser = useChromium();

  it('unsubscribes with one button, in the contact’s language, with JavaScript off on a 360 px screen', async () => {
    const tag = `unsubscribe-page-${run}`;
    const email = `dafydd-${run}@example.org`;
    const id = await contact({ email, firstName: 'Dafydd', language: 'cy', tags: [tag], consent: consenting });
    await sendAndWait(await campaignFor(await segmentOf(tag), `Newyddion ${run}`));
    const [message] = await outboxFor([email]);
    const url = unsubscribeUrlOf(message as NonNullable<typeof message>);
    expect(url).toMatch(/\/u\//);

    const context = await browser().newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 640 } });
    const page = await context.newPage();
    await page.goto(url);
    expect(await page.getAttribute('html', 'lang')).toBe('cy');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/^Rhoi’r gorau i gael e-byst gan /);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await page.getByRole('button', { name: 'Dad-danysgrifio' }).focus();
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Rydych wedi dad-danysgrifio');
    await context.close();

    const after = await call('GET', `/contacts/${id}`, { role: 'viewer' });
    expect(after.body.consent.email).toMatchObject({ granted: false, optOut: true });
  });
});
