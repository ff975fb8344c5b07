import * as z from 'zod';
import { ATTRIBUTE_KEY, CONTACT_LIMITS } from '../contacts/contact';
import { compact, SYNONYMS } from './header-synonyms';

export { fileConsentOf };

import { fileConsentOf, preferHomeAddress, preferTagsToGroups, unsureConsent } from './column-preferences';
import { assignPhoneColumns, type ColumnSample } from './phone-columns';
import { CSV_ENCODINGS } from './pipeline/sniff';

/**
 * How the columns of a contacts CSV become contact fields. A mapping gives every column a target: a contact
 * field, the full name to split, a custom attribute, or nothing. Suggestions come from header synonyms and,
 * failing those, from the closest known header by edit distance.
 */
export const IMPORT_FIELDS = [
  'first_name',
  'last_name',
  'email',
  'phone',
  'landline',
  'postcode',
  'ward',
  'tags',
  'language',
  'consent_email',
  'consent_sms',
  'consent_email_time',
  'consent_sms_time',
  'country',
  'external_id',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/**
 * What a consent column's yes means. Opt-in ("Email opt-in"): yes grants consent, no withholds it. Opt-out
 * ("Do Not Email", "Unsubscribed"): yes is a refusal, recorded as such; no says nothing, since not having
 * opted out is not consent.
 */
export const CONSENT_POLARITIES = ['opt_in', 'opt_out'] as const;
export type ConsentPolarity = (typeof CONSENT_POLARITIES)[number];
export const CONSENT_STATUSES = ['granted', 'refused'] as const;

export const columnTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('field'),
    field: z.enum(IMPORT_FIELDS),
    polarity: z
      .enum(CONSENT_POLARITIES)
      .optional()
      .describe('Consent columns only: what yes means (opt_in when not set)'),
    typedBy: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe(
        'Phone and landline columns only: the index of the column saying, record by record, whether this number is a mobile (Google\'s "Phone 1 - Label", CiviCRM\'s "Phone Type"): a mobile goes to phone, any other kind to landline, and a record that says nothing keeps this column\'s field',
      ),
  }),
  z.strictObject({ kind: z.literal('fullName') }).describe('Split into first and last name'),
  z.strictObject({ kind: z.literal('attribute'), key: z.string().regex(ATTRIBUTE_KEY) }),
  z.strictObject({ kind: z.literal('ignore') }),
]);
export type ColumnTarget = z.infer<typeof columnTargetSchema>;

export const importMappingSchema = z.strictObject({
  /** One target per column, in header order. */
  columns: z.array(columnTargetSchema).min(1),
  defaultCountry: z.string().regex(/^[A-Z]{2}$/),
  consentWords: z.strictObject({ yes: z.array(z.string()), no: z.array(z.string()) }),
  tagSeparator: z.string().min(1).max(5),
  encoding: z
    .enum(CSV_ENCODINGS)
    .optional()
    .describe(
      'Read the file in this encoding, whatever its bytes suggest (the import decides from the whole file when not set)',
    ),
  fileConsent: z
    .strictObject({ email: z.enum(CONSENT_STATUSES).optional(), sms: z.enum(CONSENT_STATUSES).optional() })
    .optional()
    .describe(
      'One consent status for every record of the file that says nothing itself (a Mailchimp unsubscribed export is refused throughout)',
    ),
});
export type ImportMapping = z.infer<typeof importMappingSchema>;

export interface ColumnSuggestion {
  header: string;
  target: ColumnTarget;
  /** 1 for a known spelling, lower for a fuzzy match, 0 for a custom attribute or ignore. */
  confidence: number;
  /** A consent column whose polarity the header does not tell: ignored until a person says (ConsentChoice). */
  unsureConsent?: 'consent_email' | 'consent_sms';
}

/**
 * What a column with no name in the header is called (Thunderbird ends its header with a comma): it can be
 * mapped by that name, and is never mapped by itself.
 */
export const unnamedColumn = (index: number) => `(column ${index + 1})`;
const UNNAMED_COLUMN = /^\(column \d+\)$/;

/**
 * A target for every column. Two columns never get the same single-valued target: the later one becomes an
 * attribute. A full name beside first and last name columns is kept as the display name: first and last win.
 */
export function suggestColumns(headers: readonly string[], sample?: ColumnSample): ColumnSuggestion[] {
  const suggestions = suggestEach(headers, sample);
  const names = new Set(suggestions.map((suggestion) => targetName(suggestion.target)));
  if (!names.has('first_name') && !names.has('last_name')) return suggestions;
  return suggestions.map((suggestion) =>
    suggestion.target.kind === 'fullName'
      ? { ...suggestion, target: { kind: 'attribute', key: 'displayName' }, confidence: 0 }
      : suggestion,
  );
}

function suggestEach(headers: readonly string[], sample: ColumnSample | undefined): ColumnSuggestion[] {
  const recognised = headers.map((header) => recognise(header));
  const targets = recognised.map((found) => found?.target);
  assignPhoneColumns(headers, targets, sample);
  preferHomeAddress(headers, targets);
  preferTagsToGroups(headers, targets);
  const unsure = headers.map((header, index) => unsureConsent(header, targets[index], recognised[index]?.confidence));
  unsure.forEach((field, index) => {
    if (field) targets[index] = { kind: 'ignore' };
  });
  const oneColumnKey = (target: ColumnTarget | undefined) => {
    const key = target && target.kind !== 'ignore' ? targetName(target) : undefined;
    return key && !MANY_COLUMN_FIELDS.has(key) && target && !takesManyColumns(target) ? key : undefined;
  };
  // A target one column takes goes to the surest of the columns asking for it, the first of equals: an exact
  // "Email" after a near miss "Emial" is the email.
  const owner = new Map<string, number>();
  targets.forEach((target, index) => {
    const key = oneColumnKey(target);
    if (key === undefined || unsure[index]) return;
    const held = owner.get(key);
    const confidence = (column: number) => recognised[column]?.confidence ?? 0;
    if (held === undefined || confidence(index) > confidence(held)) owner.set(key, index);
  });
  const unplaced: number[] = [];
  const suggestions = headers.map((header, index): ColumnSuggestion => {
    const target = targets[index];
    const confidence = recognised[index]?.confidence ?? 0;
    const unsureField = unsure[index];
    if (unsureField) return { header, target: { kind: 'ignore' }, confidence: 0, unsureConsent: unsureField };
    if (target?.kind === 'ignore') return { header, target, confidence: 0 };
    const key = oneColumnKey(target);
    if (!target || (key !== undefined && owner.get(key) !== index)) {
      unplaced.push(index);
      return { header, target: { kind: 'ignore' }, confidence: 0 };
    }
    return { header, target, confidence };
  });
  const attributeKeys = new Set(
    suggestions.flatMap((suggestion) => (suggestion.target.kind === 'attribute' ? [suggestion.target.key] : [])),
  );
  for (const index of attributeWorthy(headers, unplaced, attributeKeys, sample)) {
    const key = attributeKey(headers[index] as string) as string;
    suggestions[index] = { header: headers[index] as string, target: { kind: 'attribute', key }, confidence: 0 };
  }
  return suggestions;
}

/** Custom attributes proposed at most, so that a wide export (HubSpot's 181 columns) never fills a contact. */
export const SUGGESTED_ATTRIBUTES = 15;
/** A column whose values run longer than this in the sample is notes, not data an attribute keeps. */
const LONGEST_SUGGESTED_ATTRIBUTE_VALUE = CONTACT_LIMITS.attributeValue / 4;

/**
 * The columns no field took that are worth keeping as custom attributes: named, holding values in the
 * sample (when there is one), none of them long, not one value throughout; the fullest first, at most SUGGESTED_ATTRIBUTES. The rest
 * are ignored: staff may still map any of them, and no record is ever rejected for a choice made here.
 */
function attributeWorthy(
  headers: readonly string[],
  columns: readonly number[],
  taken: ReadonlySet<string>,
  sample: ColumnSample | undefined,
): number[] {
  const candidates = columns.flatMap((index) => {
    const header = headers[index] as string;
    const key = UNNAMED_COLUMN.test(header) ? undefined : attributeKey(header);
    if (!key || taken.has(key)) return [];
    if (!sample || sample.rows.length === 0) return [{ index, key, filled: 1 }];
    const values = sample.rows.map((row) => row[index]?.trim() ?? '').filter(Boolean);
    if (values.length === 0 || values.some((value) => value.length > LONGEST_SUGGESTED_ATTRIBUTE_VALUE)) return [];
    // The same value in every row is the exporting system's (Outlook's "E-mail Type" is SMTP), not the person's.
    if (values.length >= 3 && values.every((value) => value === values[0])) return [];
    return [{ index, key, filled: values.length }];
  });
  const seen = new Set<string>();
  return candidates
    .sort((a, b) => b.filled - a.filled || a.index - b.index)
    .filter(({ key }) => !seen.has(key) && seen.add(key))
    .slice(0, SUGGESTED_ATTRIBUTES)
    .map(({ index }) => index)
    .sort((a, b) => a - b);
}

/**
 * Headers a letter away from a field's that mean something else: CiviCRM's "Do Not Mail" (post) is not
 * "Do Not Email", its "County" is not "Country". They are never fuzzy-matched, and may become attributes.
 */
const NOT_FIELD_HEADERS = new Set(
  ['do not mail', 'do not phone', 'do not trade', 'do not call', 'county', 'state', 'region', 'province'].map((name) =>
    compact(name),
  ),
);

/** The target a header's spelling names (a known one, or a near miss of one), with how sure that is. */
function recognise(header: string): { target: ColumnTarget; confidence: number } | undefined {
  if (UNNAMED_COLUMN.test(header)) return { target: { kind: 'ignore' }, confidence: 0 };
  const key = compact(header);
  const known = SYNONYMS[key];
  if (known) return { target: known, confidence: 1 };
  if (key.length < 3 || NOT_FIELD_HEADERS.has(key)) return undefined;
  const [closest, distance] = closestSynonym(key);
  // Accept a near miss ("emial", "post_code2") but not a different word.
  const target = closest && distance <= Math.max(1, Math.floor(key.length / 5)) ? SYNONYMS[closest] : undefined;
  return target && { target, confidence: 1 - distance / key.length };
}

/** The name of a single-valued target, as the generator's ground truth spells it. */
export function targetName(target: ColumnTarget): string | undefined {
  if (target.kind === 'field') return target.field;
  if (target.kind === 'fullName') return 'full_name';
  if (target.kind === 'attribute') return target.key;
  return undefined;
}

/**
 * A camelCase attribute key from a header ("Preferred Contact Time" → preferredContactTime), keeping letters
 * beyond ASCII ("Straße" → straße, "Année d’arrivée" → annéeDArrivée).
 */
export function attributeKey(header: string): string | undefined {
  const words = header
    .normalize('NFC')
    // "Group(s)", "Tag(s)": the plural, not a word of its own.
    .replace(/\(s\)/gi, 's')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  const key = words
    .map((word, i) => {
      const lower = word.toLocaleLowerCase();
      return i === 0 ? lower : [...lower][0]?.toLocaleUpperCase() + [...lower].slice(1).join('');
    })
    .join('');
  return ATTRIBUTE_KEY.test(key) ? key : undefined;
}

function closestSynonym(key: string): [string | undefined, number] {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of Object.keys(SYNONYMS)) {
    if (Math.abs(candidate.length - key.length) > 3) continue;
    const distance = editDistance(key, candidate);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return [best, bestDistance];
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = current;
  }
  return previous[b.length] as number;
}

/**
 * Fields several columns may map to: a record's landline is the first valid number of its columns (Outlook's
 * home and business phones); its consent time the latest valid time of its columns (Mailchimp's sign-up,
 * confirmation and unsubscribe times: the last is when the status was given).
 */
export const MANY_COLUMN_FIELDS: ReadonlySet<string> = new Set<string>([
  'landline',
  'consent_email_time',
  'consent_sms_time',
]);

/**
 * A target several columns may take beside MANY_COLUMN_FIELDS: a phone column whose kind each record's type
 * column tells (Google's slots), and an opt-out column (CiviCRM's "Do Not Email" and "No Bulk Emails (User
 * Opt Out)": a yes in either is a refusal).
 */
export const takesManyColumns = (target: ColumnTarget) =>
  target.kind === 'field' && (target.typedBy !== undefined || target.polarity === 'opt_out');
