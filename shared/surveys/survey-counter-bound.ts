import type { FieldIssue } from '../core/errors';
import { allQuestions, DATE_WINDOW, type Question, type SurveyDefinition } from './survey';
import { type Counters, RATE_ATTRIBUTES } from './survey-results';

/**
 * Why a survey's counters can never outgrow a DynamoDB item (400 KB). Every shard of a survey's counters
 * ends up holding every counter name its responses make (a large response is spread over several shards),
 * so one shard item's size is bounded by the names the definition can produce plus the distribution
 * counters. Both are bounded here, by design, and checked before they are written:
 * - the definition's names, exactly, with the largest value each can hold: a survey whose worst case
 *   exceeds DEFINITION_COUNTER_BYTES is refused when it is saved;
 * - the distribution's names (`invited:ward:<ward>`, ...), by the bytes the distinct wards and languages of
 *   a survey's invitations make (DISTRIBUTION_COUNTER_BYTES): minting links past it is refused.
 */
export const DYNAMODB_ITEM_BYTES = 400 * 1024;
/** What the definition's counters may take of one shard item, in the worst case. */
export const DEFINITION_COUNTER_BYTES = 280 * 1024;
/** What the distribution counters may take of one shard item: some 1,400 wards of 20 characters. */
export const DISTRIBUTION_COUNTER_BYTES = 110 * 1024;

/** DynamoDB's size of a number: about one byte per two significant digits, plus one; 38 digits at most. */
const COUNT_BYTES = 1 + Math.ceil(12 / 2); // a count below 10^12
const SUM_BYTES = 21; // a sum of answers may use every digit DynamoDB keeps
/** The key attributes and the survey version stamped on every shard. */
const SHARD_OVERHEAD_BYTES = 200;

const utf8Bytes = (text: string) => Buffer.byteLength(text, 'utf8');

function monthsBetween(min: string, max: string): string[] {
  const months: string[] = [];
  let [year, month] = [Number(min.slice(0, 4)), Number(min.slice(5, 7))];
  const last = max.slice(0, 7);
  for (;;) {
    const name = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
    months.push(name);
    if (name >= last) return months;
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
}

/** Every counter name a question's answers can make (survey-results.ts names them), with its value's size. */
function questionCounters(question: Question): { name: string; valueBytes: number }[] {
  const q = question.id;
  const counts = (names: string[]) => names.map((name) => ({ name, valueBytes: COUNT_BYTES }));
  const answered = counts([`n:${q}`]);
  switch (question.type) {
    case 'singleChoice':
    case 'multipleChoice':
      return [...answered, ...counts(question.options.map((option) => `o:${q}:${option.id}`))];
    case 'yesNo':
      return [...answered, ...counts([`o:${q}:yes`, `o:${q}:no`])];
    case 'rating': {
      const values = Array.from({ length: question.max - question.min + 1 }, (_, i) => `o:${q}:${question.min + i}`);
      return [...answered, ...counts(values), { name: `s:${q}`, valueBytes: SUM_BYTES }];
    }
    case 'number':
      return [...answered, { name: `s:${q}`, valueBytes: SUM_BYTES }];
    case 'date': {
      const months = monthsBetween(question.min ?? DATE_WINDOW.min, question.max ?? DATE_WINDOW.max);
      return [...answered, ...counts(months.map((month) => `d:${q}:${month}`))];
    }
    case 'ranking':
      return [
        ...answered,
        ...counts(question.options.flatMap((option, _, all) => all.map((__, i) => `p:${q}:${option.id}:${i + 1}`))),
      ];
    case 'matrix':
      return [
        ...answered,
        ...counts(question.rows.flatMap((row) => question.columns.map((column) => `m:${q}:${row.id}:${column.id}`))),
      ];
    case 'text':
      return answered;
  }
}

/** Every counter name the definition's responses can make, with the largest value's size in bytes. */
export const definitionCounters = (survey: SurveyDefinition): { name: string; valueBytes: number }[] => [
  { name: 'responses', valueBytes: COUNT_BYTES },
  ...allQuestions(survey).flatMap(questionCounters),
];

/** The most bytes the definition's counters can take in one shard item. */
export function definitionCounterBytes(survey: SurveyDefinition): number {
  return definitionCounters(survey).reduce((sum, { name, valueBytes }) => sum + utf8Bytes(name) + valueBytes, 0);
}

/** The values of each attribute the response rate is broken down by: wards and languages, as invitations hold them. */
export type RateValues = Record<(typeof RATE_ATTRIBUTES)[number], ReadonlySet<string>>;

/** The bytes the distribution counters of these values take in one shard item (both stages). */
export function distributionCounterBytes(values: RateValues): number {
  let bytes = 0;
  for (const stage of ['invited', 'responded']) {
    bytes += utf8Bytes(stage) + COUNT_BYTES;
    for (const attribute of RATE_ATTRIBUTES)
      for (const value of values[attribute]) bytes += utf8Bytes(`${stage}:${attribute}:${value}`) + COUNT_BYTES;
  }
  return bytes;
}

/** A field issue when the definition could make counters too large to store, else undefined. */
export function counterBoundIssue(survey: SurveyDefinition): FieldIssue | undefined {
  const bytes = definitionCounterBytes(survey);
  if (bytes <= DEFINITION_COUNTER_BYTES) return undefined;
  return {
    path: 'body.sections',
    message: `this survey's results would need up to ${Math.ceil(bytes / 1024)} KiB of counters, more than the ${DEFINITION_COUNTER_BYTES / 1024} KiB a survey may use: split it into several surveys, or give date questions a min and max`,
  };
}

/** The largest a shard item can grow to within both limits: under DynamoDB's item limit, as a test checks. */
export const WORST_SHARD_BYTES = SHARD_OVERHEAD_BYTES + DEFINITION_COUNTER_BYTES + DISTRIBUTION_COUNTER_BYTES;

/** The wards and languages a survey's counters already break its response rate down by. */
export function rateValuesOf(counters: Counters): { ward: Set<string>; language: Set<string> } {
  const values = { ward: new Set<string>(), language: new Set<string>() };
  for (const name of Object.keys(counters))
    for (const attribute of RATE_ATTRIBUTES)
      if (name.startsWith(`invited:${attribute}:`)) values[attribute].add(name.slice(`invited:${attribute}:`.length));
  return values;
}

/**
 * Adds these contacts' wards and languages to the values if the response rate's breakdown stays within its
 * share of a counter item with them; false (and the values unchanged) if it would not.
 */
export function addRateValues(
  values: { ward: Set<string>; language: Set<string> },
  contacts: readonly { ward?: string | undefined; language?: string | undefined }[],
): boolean {
  const next = {
    ward: new Set([...values.ward, ...contacts.map((contact) => contact.ward ?? '')]),
    language: new Set([...values.language, ...contacts.map((contact) => contact.language ?? '')]),
  };
  if (distributionCounterBytes(next) > DISTRIBUTION_COUNTER_BYTES) return false;
  values.ward = next.ward;
  values.language = next.language;
  return true;
}
