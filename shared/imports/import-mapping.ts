import * as z from 'zod';
import { ATTRIBUTE_KEY } from '../contacts/contact';
import { compact, SYNONYMS } from './header-synonyms';

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
  'postcode',
  'ward',
  'tags',
  'language',
  'consent_email',
  'consent_sms',
  'external_id',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const columnTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('field'), field: z.enum(IMPORT_FIELDS) }),
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
});
export type ImportMapping = z.infer<typeof importMappingSchema>;

export interface ColumnSuggestion {
  header: string;
  target: ColumnTarget;
  /** 1 for a known spelling, lower for a fuzzy match, 0 for a custom attribute or ignore. */
  confidence: number;
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
export function suggestColumns(headers: readonly string[]): ColumnSuggestion[] {
  const suggestions = suggestEach(headers);
  const names = new Set(suggestions.map((suggestion) => targetName(suggestion.target)));
  if (!names.has('first_name') && !names.has('last_name')) return suggestions;
  return suggestions.map((suggestion) =>
    suggestion.target.kind === 'fullName'
      ? { ...suggestion, target: { kind: 'attribute', key: 'displayName' }, confidence: 0 }
      : suggestion,
  );
}

function suggestEach(headers: readonly string[]): ColumnSuggestion[] {
  const taken = new Set<string>();
  return headers.map((header) => {
    if (UNNAMED_COLUMN.test(header)) return { header, target: { kind: 'ignore' }, confidence: 0 };
    const key = compact(header);
    let target = SYNONYMS[key];
    let confidence = 1;
    if (!target && key.length >= 3) {
      const [closest, distance] = closestSynonym(key);
      // Accept a near miss ("emial", "post_code2") but not a different word.
      if (closest && distance <= Math.max(1, Math.floor(key.length / 5))) {
        target = SYNONYMS[closest];
        confidence = 1 - distance / key.length;
      }
    }
    const targetKey = target && targetName(target);
    if (!target || (targetKey && taken.has(targetKey))) {
      const attribute = attributeKey(header);
      return attribute
        ? { header, target: { kind: 'attribute', key: attribute }, confidence: 0 }
        : { header, target: { kind: 'ignore' }, confidence: 0 };
    }
    if (targetKey) taken.add(targetKey);
    return { header, target, confidence };
  });
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

/** Why a mapping cannot work, one message per problem; empty when it can. */
export function mappingProblems(
  mapping: ImportMapping,
  headers: readonly string[],
): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  if (mapping.columns.length !== headers.length)
    problems.push({
      path: 'columns',
      message: `expected one target per column (${headers.length}), got ${mapping.columns.length}`,
    });
  // An attribute may be named like a field (a custom "phone" beside the phone field): they are different slots.
  const seen = new Map<string, number>();
  mapping.columns.forEach((target, index) => {
    const name = targetName(target);
    if (name === undefined) return;
    const slot = target.kind === 'attribute' ? `the attribute ${name}` : name;
    const earlier = seen.get(slot);
    if (earlier !== undefined)
      problems.push({
        path: `columns.${index}`,
        message: `"${headers[index]}" and "${headers[earlier]}" both map to ${slot}; it takes one column`,
      });
    else seen.set(slot, index);
  });
  if (!seen.has('email') && !seen.has('phone'))
    problems.push({
      path: 'columns',
      message: 'no column is mapped to email or phone, so no contact could be reached',
    });
  return problems;
}
