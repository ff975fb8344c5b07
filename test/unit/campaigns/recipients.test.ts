import { describe, expect, it } from 'vitest';
import { contentLanguage, recipientDecision } from '../../../shared/campaigns/recipients';
import type { Contact } from '../../../shared/contacts/contact';

const contact = (fields: Partial<Contact>): Contact => ({
  id: 'c1',
  tags: [],
  attributes: {},
  consent: {},
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...fields,
});
const granted = { granted: true, source: 'web', timestamp: '2026-01-01T00:00:00.000Z' };

describe('who a campaign is sent to', () => {
  it('sends to a contact with an address and consent', () => {
    expect(recipientDecision(contact({ email: 'a@x.org', consent: { email: granted } }), 'email', new Set())).toEqual({
      send: true,
      address: 'a@x.org',
    });
  });

  it('skips, with the reason, in order: gone, no address, refused, suppressed, no consent', () => {
    const none = new Set<string>();
    expect(recipientDecision(undefined, 'email', none)).toEqual({ send: false, reason: 'contact_gone' });
    expect(recipientDecision(contact({ consent: { email: granted } }), 'email', none)).toMatchObject({
      reason: 'no_address',
    });
    const refused = { granted: false, optOut: true as const, source: 'unsubscribe', timestamp: granted.timestamp };
    expect(
      recipientDecision(contact({ email: 'a@x.org', consent: { email: refused } }), 'email', new Set(['a@x.org'])),
    ).toMatchObject({ reason: 'refused' });
    expect(
      recipientDecision(contact({ email: 'a@x.org', consent: { email: granted } }), 'email', new Set(['a@x.org'])),
    ).toMatchObject({ reason: 'suppressed' });
    expect(recipientDecision(contact({ email: 'a@x.org' }), 'email', none)).toMatchObject({ reason: 'no_consent' });
  });

  it('reads the channel’s own address and consent: email consent does not send SMS', () => {
    expect(
      recipientDecision(
        contact({ email: 'a@x.org', phone: '+447911123456', consent: { email: granted } }),
        'sms',
        new Set(),
      ),
    ).toEqual({ send: false, reason: 'no_consent' });
  });
});

describe('the language a contact gets', () => {
  const languages = ['en', 'fr', 'pt-BR'];
  it('is theirs, else their primary language’s, else the default', () => {
    expect(contentLanguage(languages, 'FR', 'en')).toBe('fr');
    expect(contentLanguage(languages, 'fr-CA', 'en')).toBe('fr');
    expect(contentLanguage(languages, 'pt-br', 'en')).toBe('pt-BR');
    expect(contentLanguage(languages, 'pt-PT', 'en')).toBe('en');
    expect(contentLanguage(languages, 'cy', 'en')).toBe('en');
    expect(contentLanguage(languages, undefined, 'fr')).toBe('fr');
  });
});
