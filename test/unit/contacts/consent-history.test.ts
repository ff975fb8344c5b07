import { describe, expect, it } from 'vitest';
import { CONSENT_HISTORY_LIMIT, withConsentHistory } from '../../../shared/contacts/consent-history';
import type { Contact } from '../../../shared/contacts/contact';

const contact = (consent: Contact['consent'], history?: Contact['consentHistory']): Contact => ({
  id: 'c1',
  tags: [],
  attributes: {},
  consent,
  ...(history && { consentHistory: history }),
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});
const grant = (source: string, timestamp: string) => ({ granted: true, source, timestamp });

describe('a contact’s consent history', () => {
  it('starts with the consent a contact is created with, and has none without any', () => {
    expect(withConsentHistory(contact({})).consentHistory).toBeUndefined();
    expect(withConsentHistory(contact({ email: grant('web form', '2026-01-01T00:00:00Z') })).consentHistory).toEqual([
      { channel: 'email', granted: true, source: 'web form', timestamp: '2026-01-01T00:00:00Z' },
    ]);
  });

  it('adds each change of a channel’s consent with its source, and nothing for a write that keeps it', () => {
    const created = withConsentHistory(contact({ email: grant('web form', '2026-01-01T00:00:00Z') }));
    const unchanged = withConsentHistory({ ...created, firstName: 'Ann' }, created);
    expect(unchanged.consentHistory).toHaveLength(1);
    const refusal = {
      granted: false,
      optOut: true as const,
      source: 'unsubscribe link',
      timestamp: '2026-02-01T00:00:00Z',
    };
    const withdrawn = withConsentHistory(
      { ...unchanged, consent: { ...unchanged.consent, email: refusal } },
      unchanged,
    );
    expect(withdrawn.consentHistory?.map((event) => [event.granted, event.source])).toEqual([
      [true, 'web form'],
      [false, 'unsubscribe link'],
    ]);
    expect(withdrawn.consentHistory?.[1]).toMatchObject({ channel: 'email', optOut: true });
  });

  it('keeps both people’s entries in time order when two contacts are merged', () => {
    const kept = withConsentHistory(contact({ email: grant('import', '2026-03-01T00:00:00Z') }));
    const other = withConsentHistory(contact({ sms: grant('text-in', '2026-01-15T00:00:00Z') }));
    const merged = withConsentHistory({ ...kept, consent: { ...kept.consent, sms: other.consent.sms } }, kept, other);
    expect(merged.consentHistory?.map((event) => event.source)).toEqual(['text-in', 'import', 'text-in']);
  });

  it(`keeps the last ${CONSENT_HISTORY_LIMIT}`, () => {
    let current = withConsentHistory(contact({ email: grant('s0', '2026-01-01T00:00:00Z') }));
    for (let i = 1; i <= CONSENT_HISTORY_LIMIT + 5; i++)
      current = withConsentHistory({ ...current, consent: { email: grant(`s${i}`, '2026-01-01T00:00:00Z') } }, current);
    expect(current.consentHistory).toHaveLength(CONSENT_HISTORY_LIMIT);
    expect(current.consentHistory?.at(-1)?.source).toBe(`s${CONSENT_HISTORY_LIMIT + 5}`);
  });
});
