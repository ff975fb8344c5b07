import { compact, GROUP_HEADERS, UNSURE_CONSENT_HEADERS } from './header-synonyms';
import type { ColumnTarget, ImportMapping } from './import-mapping';

/** Choices between columns that a header alone settles: which of several is the field, and which to leave to a person. */

/**
 * Of several postcode or country columns (Outlook writes Business, Home and Other addresses, in that order),
 * a resident's is the home one: it takes the field, and the others are left to become attributes.
 */
export function preferHomeAddress(headers: readonly string[], targets: (ColumnTarget | undefined)[]): void {
  for (const field of ['postcode', 'country'] as const) {
    const columns = targets.flatMap((target, index) =>
      target?.kind === 'field' && target.field === field ? [index] : [],
    );
    const home = columns.find((index) => /^home\b/i.test(headers[index]?.trim() ?? ''));
    if (home === undefined) continue;
    for (const index of columns) if (index !== home) targets[index] = undefined;
  }
}

/**
 * CiviCRM writes "Tag(s)" and "Group(s)": both can be tags, and when a file has a tags column, that one is
 * (the groups column is then left to become an attribute, and staff may map it to tags instead).
 */
export function preferTagsToGroups(headers: readonly string[], targets: (ColumnTarget | undefined)[]): void {
  const tagColumns = targets.flatMap((target, index) =>
    target?.kind === 'field' && target.field === 'tags' ? [index] : [],
  );
  const isGroup = (index: number) => GROUP_HEADERS.has(compact(headers[index] ?? ''));
  if (!tagColumns.some((index) => !isGroup(index))) return;
  for (const index of tagColumns) if (isGroup(index)) targets[index] = undefined;
}

/** A consent column the analysis must not map by itself: its header is unsure, or only nearly a known one. */
export function unsureConsent(header: string, target: ColumnTarget | undefined, confidence = 0) {
  if (target?.kind !== 'field' || (target.field !== 'consent_email' && target.field !== 'consent_sms'))
    return undefined;
  return UNSURE_CONSENT_HEADERS.has(compact(header)) || confidence < 1 ? target.field : undefined;
}

/**
 * Whole-file consent the header gives away: Mailchimp's unsubscribed and cleaned exports (with their
 * UNSUB_TIME and CLEAN_TIME columns) hold only people who refused email or whose address bounced.
 */
export function fileConsentOf(headers: readonly string[]): ImportMapping['fileConsent'] {
  const keys = new Set(headers.map(compact));
  return keys.has('unsubtime') || keys.has('cleantime') ? { email: 'refused' } : undefined;
}
