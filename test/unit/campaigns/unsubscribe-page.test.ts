import { describe, expect, it } from 'vitest';
import { renderUnsubscribePage } from '../../../shared/campaigns/unsubscribe-page';

const page = (language: string, state: { unsubscribed?: boolean; test?: boolean } = {}, city = 'Cardiff') =>
  renderUnsubscribePage({ language, unsubscribed: state.unsubscribed ?? false, test: state.test }, city, '/u/abc');

describe('renderUnsubscribePage', () => {
  it.each([
    ['en', 'Unsubscribe'],
    ['cy', 'Dad-danysgrifio'],
    ['fr', 'Me désabonner'],
    ['es', 'Darme de baja'],
    ['de', 'Abmelden'],
  ])('asks in the contact’s language (%s), with a form posting the one-click body to the link', (language, button) => {
    const html = page(language);
    expect(html).toContain(`<html lang="${language}">`);
    expect(html).toContain(`<button type="submit">${button}</button>`);
    expect(html).toContain('<form method="post" action="/u/abc">');
    expect(html).toContain('<input type="hidden" name="List-Unsubscribe" value="One-Click">');
    expect(html).not.toContain('<script');
  });

  it('reads a regional tag by its language (cy-GB is Welsh), and falls back to English', () => {
    expect(page('cy-GB')).toContain('<h1>Rhoi’r gorau i gael e-byst gan Cardiff?</h1>');
    expect(page('pl')).toContain('<html lang="en">');
  });

  it('confirms without a form once unsubscribed, and says a test message’s link changes nothing', () => {
    const done = page('cy', { unsubscribed: true });
    expect(done).toContain('<h1>Rydych wedi dad-danysgrifio</h1>');
    expect(done).not.toContain('<form');
    const test = page('en', { test: true });
    expect(test).toContain('This link comes from a test message');
    expect(test).not.toContain('<form');
  });

  it('escapes the city’s name once, in the title as in the text, whatever it holds', () => {
    const html = page('en', {}, 'Brent & Harrow $& <b>');
    expect(html).toContain('<title>Stop emails from Brent &amp; Harrow $&amp; &lt;b&gt;?</title>');
    expect(html).toContain('<h1>Stop emails from Brent &amp; Harrow $&amp; &lt;b&gt;?</h1>');
  });
});
