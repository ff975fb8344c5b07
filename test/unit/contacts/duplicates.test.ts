import { describe, expect, it } from 'vitest';
import type { Contact } from '../../../shared/contacts/contact';
import { mergedContact, pairId, pairOf } from '../../../shared/contacts/duplicates';

const contact = (overrides: Partial<Contact>): Contact => ({
  id: 'x',
  tags: [],
  attributes: {},
  consent: {},
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

describe('merging two contacts', () => {
  const kept = contact({
    id: 'a',
    email: 'ann@example.org',
    phone: '+447123456789',
    tags: ['parks'],
    attributes: { ward: 'kept' },
    consent: { email: { granted: true, source: 'web form', timestamp: '2026-02-01T00:00:00.000Z' } },
  });
  const other = contact({
    id: 'b',
    email: 'ann.jones@example.org',
    firstName: 'Ann',
    landline: '+441134960000',
    tags: ['libraries', 'parks'],
    attributes: { ward: 'other', club: 'chess' },
    consent: {
      email: { granted: false, source: 'Mailchimp', timestamp: '2025-01-01T00:00:00.000Z', optOut: true },
      sms: { granted: true, source: 'form', timestamp: '2025-06-01T00:00:00.000Z' },
    },
  });

  it('keeps every channel, the kept one’s values first, both tags and attributes, and who merged', () => {
    const merged = mergedContact(kept, other, 'manager@city.gov', '2026-12-02T10:00:00.000Z');
    expect(merged).toMatchObject({
      id: 'a',
      email: 'ann@example.org',
      otherEmails: ['ann.jones@example.org'],
      phone: '+447123456789',
      landline: '+441134960000',
      firstName: 'Ann',
      tags: ['parks', 'libraries'],
      attributes: { ward: 'kept', club: 'chess' },
      mergedFrom: [{ contactId: 'b', by: 'manager@city.gov', at: '2026-12-02T10:00:00.000Z' }],
    });
  });

  it('keeps the stronger consent evidence of each channel: a refusal over a grant, else the latest', () => {
    const merged = mergedContact(kept, other, 'm', '2026-12-02T10:00:00.000Z');
    expect(merged.consent.email).toMatchObject({ granted: false, optOut: true });
    expect(merged.consent.sms).toMatchObject({ granted: true, source: 'form' });
  });

  it('names a pair by its two ids in order, and reads the name back', () => {
    expect(pairId('b', 'a')).toBe('a~b');
    expect(pairOf('a~b')).toEqual(['a', 'b']);
    expect(pairOf('a~b~c')).toBeUndefined();
  });
});
