import { CHANNELS, type Contact } from './contact';

/** The most grants and withdrawals a contact keeps: the oldest go first past it. */
export const CONSENT_HISTORY_LIMIT = 100;

type Consent = NonNullable<Contact['consent']['email']>;
const sameConsent = (a: Consent | undefined, b: Consent | undefined) =>
  a?.granted === b?.granted && a?.source === b?.source && a?.timestamp === b?.timestamp && a?.optOut === b?.optOut;

/**
 * A contact as it is written, with its consent history: every grant and withdrawal, oldest first, each with its
 * channel, time and source. A write whose consent on a channel differs from what it replaces adds an entry;
 * a merge keeps both people's entries. Derived where contacts are written (the repository), so that every path
 * (the API, imports, merges, unsubscribe links, STOP replies) records it.
 */
export function withConsentHistory(next: Contact, previous?: Contact, merged?: Contact): Contact {
  const kept = [...(previous?.consentHistory ?? next.consentHistory ?? []), ...(merged?.consentHistory ?? [])];
  const history = merged ? kept.sort((a, b) => a.timestamp.localeCompare(b.timestamp)) : kept;
  for (const channel of CHANNELS) {
    const after = next.consent[channel];
    if (!after || sameConsent(previous?.consent[channel], after)) continue;
    history.push({
      channel,
      granted: after.granted,
      ...(after.optOut && { optOut: true as const }),
      source: after.source,
      timestamp: after.timestamp,
    });
  }
  if (history.length === 0) return next;
  return { ...next, consentHistory: history.slice(-CONSENT_HISTORY_LIMIT) };
}
