import type { Channel, Contact } from '../contacts/contact';
import type { SkipReason } from './campaign';

/** Whom a campaign's message goes to, or why it does not. */
export type RecipientDecision = { send: true; address: string } | { send: false; reason: SkipReason };

/**
 * Whether a contact may be sent a campaign on a channel, decided again at send time (so that an unsubscribe or a
 * bounce stops messages still queued): they need an address, no refusal, no suppression, and consent granted.
 */
export function recipientDecision(
  contact: Contact | undefined,
  channel: Channel,
  suppressed: ReadonlySet<string>,
): RecipientDecision {
  if (!contact) return { send: false, reason: 'contact_gone' };
  const address = channel === 'email' ? contact.email : contact.phone;
  if (!address) return { send: false, reason: 'no_address' };
  const consent = contact.consent[channel];
  if (consent?.optOut) return { send: false, reason: 'refused' };
  if (suppressed.has(address)) return { send: false, reason: 'suppressed' };
  if (!consent?.granted) return { send: false, reason: 'no_consent' };
  return { send: true, address };
}

/**
 * The language of a campaign's content a contact gets: theirs, else its primary subtag's (pt for pt-BR), else
 * the campaign's default.
 */
export function contentLanguage(
  languages: readonly string[],
  contactLanguage: string | undefined,
  defaultLanguage: string,
): string {
  if (!contactLanguage) return defaultLanguage;
  const wanted = contactLanguage.toLowerCase();
  const exact = languages.find((language) => language.toLowerCase() === wanted);
  if (exact) return exact;
  const primary = wanted.split('-')[0];
  return languages.find((language) => language.toLowerCase() === primary) ?? defaultLanguage;
}
