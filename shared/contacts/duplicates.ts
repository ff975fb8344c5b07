import { CHANNELS, CONTACT_LIMITS, type Consent, type Contact } from './contact';

/**
 * Two contacts that may be one person: an import met a record whose mobile another contact holds but whose
 * email is different, and made it a contact of its own (`phone_held_by_other`). Staff merge them, or say
 * they are two people; until then the pair is open.
 */
export interface PossibleDuplicate {
  /** The two contacts' ids, in order. */
  contactIds: [string, string];
  reason: 'shared_phone';
  sharedPhone: string;
  foundBy: { importId: string; record: number };
  foundAt: string;
  status: 'open' | 'distinct' | 'merged';
  decidedBy?: string;
  decidedAt?: string;
}

/** A pair's id in the API: its two contact ids, in order. */
export const pairId = (a: string, b: string) => (a < b ? `${a}~${b}` : `${b}~${a}`);
export const pairOf = (id: string): [string, string] | undefined => {
  const [a, b, ...rest] = id.split('~');
  return a && b && rest.length === 0 ? [a, b] : undefined;
};

/**
 * The contact two become: the kept one's values, the other's where the kept one has none; every email (the
 * other's, if different, joins `otherEmails`), the tags and attributes of both (the kept one's first, within
 * a contact's limits); for each channel the stronger consent evidence: a refusal over a grant, else the
 * latest. Who merged it, and when, is recorded. Pure.
 */
const FILLED_FIELDS = [
  'firstName',
  'lastName',
  'email',
  'phone',
  'landline',
  'postcode',
  'ward',
  'language',
  'externalId',
] as const satisfies readonly (keyof Contact)[];

export function mergedContact(kept: Contact, other: Contact, by: string, at: string): Contact {
  const email = kept.email ?? other.email;
  const otherEmails = [
    ...new Set([...(kept.otherEmails ?? []), ...(other.otherEmails ?? []), ...(other.email ? [other.email] : [])]),
  ].filter((value) => value !== email);
  const attributes = { ...kept.attributes };
  for (const [key, value] of Object.entries(other.attributes))
    if (!Object.hasOwn(attributes, key) && Object.keys(attributes).length < CONTACT_LIMITS.attributes)
      attributes[key] = value;
  const consent: Contact['consent'] = {};
  for (const channel of CHANNELS) {
    const stronger = strongerConsent(kept.consent[channel], other.consent[channel]);
    if (stronger) consent[channel] = stronger;
  }
  const { otherEmails: _kept, mergedFrom: _from, ...base } = kept;
  const filled: Partial<Pick<Contact, (typeof FILLED_FIELDS)[number]>> = {};
  for (const field of FILLED_FIELDS) {
    const value = kept[field] ?? other[field];
    if (value !== undefined) filled[field] = value;
  }
  return {
    ...base,
    ...filled,
    tags: [...new Set([...kept.tags, ...other.tags])].slice(0, CONTACT_LIMITS.tags),
    attributes,
    consent,
    ...(otherEmails.length > 0 && { otherEmails }),
    mergedFrom: [...(kept.mergedFrom ?? []), ...(other.mergedFrom ?? []), { contactId: other.id, by, at }],
    updatedAt: at,
  };
}

function strongerConsent(a: Consent | undefined, b: Consent | undefined): Consent | undefined {
  if (!a || !b) return a ?? b;
  if (a.optOut !== b.optOut) return a.optOut ? a : b;
  return a.timestamp >= b.timestamp ? a : b;
}
