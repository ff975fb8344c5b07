import type { Contact } from '../domain/contact';
import type { ImportSettings } from '../domain/contact-import';
import type { ImportedPerson } from './import-record';

/**
 * What an imported record does to the contact it matches, by the import's mode:
 * - create: existing contacts are left as they are;
 * - update: the file's values replace the contact's, tags are added, a changed consent answer is recorded;
 * - fill: only the contact's blank fields are filled, tags are added, consent is recorded where there was none.
 * Pure: the writer applies the result.
 */
export function mergeImported(
  existing: Contact,
  person: ImportedPerson,
  settings: Pick<ImportSettings, 'mode' | 'addTags' | 'consentSource'>,
  now: string,
): Contact {
  if (settings.mode === 'create') return existing;
  const incoming = contactFields(person, settings, now);
  const overwrite = settings.mode === 'update';
  const next: Contact = { ...existing, consent: { ...existing.consent }, attributes: { ...existing.attributes } };
  for (const key of [
    'firstName',
    'lastName',
    'email',
    'phone',
    'postcode',
    'ward',
    'language',
    'externalId',
  ] as const) {
    const value = incoming[key];
    if (value !== undefined && (overwrite || next[key] === undefined)) next[key] = value;
  }
  for (const [key, value] of Object.entries(incoming.attributes))
    if (overwrite || next.attributes[key] === undefined) next.attributes[key] = value;
  next.tags = [...new Set([...existing.tags, ...incoming.tags])];
  for (const channel of ['email', 'sms'] as const) {
    const consent = incoming.consent[channel];
    const current = next.consent[channel];
    // Consent's record says when it last changed: the same answer again keeps its original source and time.
    if (consent && (current === undefined || (overwrite && current.granted !== consent.granted)))
      next.consent[channel] = consent;
  }
  return sameContact(existing, next) ? existing : { ...next, updatedAt: now };
}

/** The contact fields an imported person gives, with the import's tags and consent source. */
export function contactFields(
  person: ImportedPerson,
  settings: Pick<ImportSettings, 'addTags' | 'consentSource'>,
  now: string,
): Omit<Contact, 'id' | 'createdAt' | 'updatedAt'> {
  const { consentEmail, consentSms, tags, attributes, ...fields } = person;
  const consent = (granted: boolean | undefined) =>
    granted === undefined ? undefined : { granted, source: settings.consentSource, timestamp: now };
  return {
    ...fields,
    tags: [...new Set([...tags, ...settings.addTags])],
    consent: {
      ...(consent(consentEmail) && { email: consent(consentEmail) }),
      ...(consent(consentSms) && { sms: consent(consentSms) }),
    },
    attributes: { ...attributes },
  };
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
