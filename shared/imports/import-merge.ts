import { CHANNELS, type Channel, CONTACT_LIMITS, type Consent, type Contact } from '../contacts/contact';
import type { ImportSettings } from './contact-import';
import { type ConsentEvidence, type ImportedPerson, PERSON_TEXT_FIELDS } from './import-record';

/**
 * What an imported record does to the contact it matches, by the import's mode:
 * - create: existing contacts are left as they are, but for the file's refusals;
 * - update: the file's values replace the contact's, tags are added, a changed consent answer is recorded;
 * - fill: only the contact's blank fields are filled, tags are added, consent is recorded where there was none.
 * In every mode a refusal (an opt-out) is recorded over a grant, and a refusal the contact holds is replaced
 * only by consent given after it, with its time in the file. Pure: the writer applies the result.
 */
export function mergeImported(
  existing: Contact,
  person: ImportedPerson,
  settings: Pick<ImportSettings, 'mode' | 'addTags' | 'consentSource'>,
  now: string,
): Contact {
  const incoming = contactFields(person, settings, now);
  if (settings.mode === 'create') {
    // A refusal is honoured whatever the mode: nobody is written to against their word.
    const refused = withRefusals(existing, incoming);
    return refused === existing ? existing : { ...refused, updatedAt: now };
  }
  const overwrite = settings.mode === 'update';
  const next: Contact = { ...existing, consent: { ...existing.consent }, attributes: { ...existing.attributes } };
  for (const key of PERSON_TEXT_FIELDS) {
    const value = incoming[key];
    if (value !== undefined && (overwrite || next[key] === undefined)) next[key] = value;
  }
  const within = withinLimits(existing, incoming, overwrite);
  next.attributes = within.attributes;
  next.tags = within.tags;
  for (const channel of CHANNELS) {
    const consent = incoming.consent[channel];
    const current = next.consent[channel];
    if (!consent) continue;
    if (consent.optOut) {
      if (!current?.optOut) next.consent[channel] = consent;
      continue;
    }
    if (keepsRefusal(current, consent, person, channel)) continue;
    // Consent's record says when it last changed: the same answer again keeps its original source and time.
    if (current === undefined || (overwrite && current.granted !== consent.granted)) next.consent[channel] = consent;
  }
  return sameContact(existing, next) ? existing : { ...next, updatedAt: now };
}

/** The contact with the refusals `incoming` carries recorded (those it holds already stay as they were). */
function withRefusals(existing: Contact, incoming: Pick<Contact, 'consent'>): Contact {
  let next = existing;
  for (const channel of CHANNELS) {
    const consent = incoming.consent[channel];
    if (consent?.optOut && !existing.consent[channel]?.optOut)
      next = { ...next, consent: { ...next.consent, [channel]: consent } };
  }
  return next;
}

/**
 * Whether a refusal the contact holds stands against what a record says: only consent given after the
 * refusal, with its time in the file (new evidence), replaces it. A bare yes, or a no, does not.
 */
function keepsRefusal(current: Consent | undefined, consent: Consent, person: ImportedPerson, channel: Channel) {
  if (!current?.optOut) return false;
  const evidenceAt = person.consentEvidence?.[channel]?.at;
  return !(consent.granted && evidenceAt !== undefined && evidenceAt > current.timestamp);
}

/** Whether a record would grant consent that the contact's refusal keeps out (the import warns of it). */
export function refusalKept(
  existing: Contact | undefined,
  person: ImportedPerson,
  settings: Pick<ImportSettings, 'mode' | 'addTags' | 'consentSource'>,
  now: string,
): boolean {
  if (!existing) return false;
  const incoming = contactFields(person, settings, now);
  return CHANNELS.some((channel) => {
    const consent = incoming.consent[channel];
    return consent?.granted === true && keepsRefusal(existing.consent[channel], consent, person, channel);
  });
}

/** The contact fields an imported person gives, with the import's tags and consent source. */
export function contactFields(
  person: ImportedPerson,
  settings: Pick<ImportSettings, 'addTags' | 'consentSource'>,
  now: string,
): Omit<Contact, 'id' | 'createdAt' | 'updatedAt'> {
  const { consentEmail, consentSms, consentEvidence, tags, attributes, ...fields } = person;
  const consent = (granted: boolean | undefined, evidence: ConsentEvidence | undefined): Consent | undefined =>
    granted === undefined
      ? undefined
      : {
          granted,
          source: settings.consentSource,
          timestamp: evidence?.at ?? now,
          ...(evidence?.optOut && { optOut: true as const }),
        };
  const email = consent(consentEmail, consentEvidence?.email);
  const sms = consent(consentSms, consentEvidence?.sms);
  const within = withinLimits(
    { tags: [], attributes: {} },
    { tags: [...tags, ...settings.addTags], attributes },
    false,
  );
  return {
    ...fields,
    tags: within.tags,
    consent: { ...(email && { email }), ...(sms && { sms }) },
    attributes: within.attributes,
  };
}

/**
 * Whether importing `person` leaves out tags or custom attributes because the contact it makes, or merges
 * into, would go past a contact's limits (CONTACT_LIMITS, the API's own): the import counts it as a warning.
 */
export function leftOutByLimits(
  existing: Contact | undefined,
  person: ImportedPerson,
  settings: Pick<ImportSettings, 'mode' | 'addTags'>,
): boolean {
  const incoming = { tags: [...person.tags, ...settings.addTags], attributes: person.attributes };
  const fresh = withinLimits({ tags: [], attributes: {} }, incoming, false);
  if (fresh.leftOut || !existing || settings.mode === 'create') return fresh.leftOut;
  return withinLimits(existing, fresh, settings.mode === 'update').leftOut;
}

/**
 * The tags and attributes of `current` with those of `adding`: all of `current`'s are kept (a contact from
 * before the limits may hold more), and `adding`'s new ones while there is room; an attribute already held
 * takes the new value when `overwrite`.
 */
function withinLimits(
  current: Pick<Contact, 'tags' | 'attributes'>,
  adding: Pick<Contact, 'tags' | 'attributes'>,
  overwrite: boolean,
) {
  let leftOut = false;
  const tags = new Set(current.tags);
  for (const tag of adding.tags) {
    if (tags.has(tag)) continue;
    if (tags.size < CONTACT_LIMITS.tags) tags.add(tag);
    else leftOut = true;
  }
  const attributes = { ...current.attributes };
  let count = Object.keys(attributes).length;
  for (const [key, value] of Object.entries(adding.attributes)) {
    // Own properties only: an attribute may be named like one of every object's ("constructor").
    if (Object.hasOwn(attributes, key)) {
      if (overwrite) attributes[key] = value;
    } else if (count < CONTACT_LIMITS.attributes) {
      attributes[key] = value;
      count++;
    } else leftOut = true;
  }
  return { tags: [...tags], attributes, leftOut };
}

function sameContact(a: Contact, b: Contact): boolean {
  const { updatedAt: _a, ...left } = a;
  const { updatedAt: _b, ...right } = b;
  return stableJson(left) === stableJson(right);
}

const stableJson = (value: unknown): string =>
  JSON.stringify(value, (_key, inner) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([x], [y]) => x.localeCompare(y)))
      : inner,
  );
