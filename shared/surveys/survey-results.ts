import * as z from 'zod';
import { SUPPRESSED, suppressedCells } from './small-cells';
import { allQuestions, type SurveyDefinition, translate } from './survey';
import type { Answers } from './survey-answers';

/**
 * Results are counters kept at write time: each response adds its counters, an edit adds the difference
 * between its new and old counters. Reading results then costs the same at 10 responses and at a million.
 *
 * Counter names: `responses`; per question `n:<q>` (answered), `o:<q>:<option>` (picked; for yes/no the
 * options are yes and no; for a rating the value), `s:<q>` (sum of a number or rating), `d:<q>:<YYYY-MM>`,
 * `p:<q>:<option>:<position>` (ranking), `m:<q>:<row>:<column>` (matrix). Distribution: `invited`,
 * `responded`, and both by contact attribute: `invited:ward:<ward>`, `responded:language:<language>`, ...
 */
export type Counters = Record<string, number>;

/** Contact attributes the response rate is broken down by, as the invitation recorded them at minting. */
export const RATE_ATTRIBUTES = ['ward', 'language'] as const;
export type RateAttribute = (typeof RATE_ATTRIBUTES)[number];

/** The distribution counters an invitation adds to (`amount` 1) or takes from (-1), overall and by attribute. */
export function distributionCounters(
  stage: 'invited' | 'responded',
  invitation: Partial<Record<RateAttribute, string>>,
  amount: number,
): Counters {
  const counters: Counters = { [stage]: amount };
  for (const attribute of RATE_ATTRIBUTES) counters[`${stage}:${attribute}:${invitation[attribute] ?? ''}`] = amount;
  return counters;
}

export function responseCounters(survey: SurveyDefinition, answers: Answers): Counters {
  const counters: Counters = { responses: 1 };
  const add = (name: string, amount = 1) => {
    counters[name] = (counters[name] ?? 0) + amount;
  };
  for (const question of allQuestions(survey)) {
    const answer = answers[question.id];
    if (answer === undefined) continue;
    const q = question.id;
    add(`n:${q}`);
    switch (question.type) {
      case 'singleChoice':
        add(`o:${q}:${answer}`);
        break;
      case 'multipleChoice':
        for (const pick of answer as string[]) add(`o:${q}:${pick}`);
        break;
      case 'yesNo':
        add(`o:${q}:${answer ? 'yes' : 'no'}`);
        break;
      case 'rating':
        add(`o:${q}:${answer}`);
        add(`s:${q}`, answer as number);
        break;
      case 'number':
        add(`s:${q}`, answer as number);
        break;
      case 'date':
        add(`d:${q}:${(answer as string).slice(0, 7)}`);
        break;
      case 'ranking':
        (answer as string[]).forEach((option, index) => {
          add(`p:${q}:${option}:${index + 1}`);
        });
        break;
      case 'matrix':
        for (const [row, column] of Object.entries(answer as Record<string, string>)) add(`m:${q}:${row}:${column}`);
        break;
      case 'text':
        break;
    }
  }
  return counters;
}

/** What to add to the kept counters when a response changes from `before` (none when new) to `after`. */
export function counterChange(before: Counters | undefined, after: Counters): Counters {
  const change: Counters = {};
  for (const [name, value] of Object.entries(after)) change[name] = value - (before?.[name] ?? 0);
  for (const [name, value] of Object.entries(before ?? {})) if (!(name in after)) change[name] = -value;
  for (const name of Object.keys(change)) if (change[name] === 0) delete change[name];
  return change;
}

/** Sums counters read from several shards. */
export function sumCounters(parts: readonly Counters[]): Counters {
  const total: Counters = {};
  for (const part of parts) for (const [name, value] of Object.entries(part)) total[name] = (total[name] ?? 0) + value;
  return total;
}

const share = z.object({ id: z.string(), label: z.string(), count: z.number(), percent: z.number() });
const questionResultSchema = z.object({
  id: z.string(),
  type: z.string(),
  text: z.string(),
  answered: z.number().describe('Responses that answered this question'),
  options: z.array(share).optional().describe('Choices, yes/no, rating values: count and percent of answered'),
  average: z.number().optional().describe('Ratings and numbers'),
  sum: z.number().optional(),
  months: z.array(z.object({ month: z.string(), count: z.number() })).optional(),
  ranking: z
    .array(
      z.object({
        id: z.string(),
        label: z.string(),
        averagePosition: z.number(),
        positions: z.array(z.number()).describe('How many ranked it 1st, 2nd, ...'),
      }),
    )
    .optional()
    .describe('Best average position first'),
  matrix: z
    .array(z.object({ id: z.string(), label: z.string(), answered: z.number(), columns: z.array(share) }))
    .optional(),
});

const rate = z.object({ invited: z.number(), responded: z.number(), rate: z.number().describe('Percent') });
const cellRate = z.object({
  invited: z.number(),
  responded: z.number().nullable().describe('null when suppressed'),
  rate: z.number().nullable().describe('Percent; null when suppressed'),
  suppressed: z
    .boolean()
    .optional()
    .describe('Anonymous surveys: too few respondents here (or hidden so that the others cannot be subtracted)'),
});
export const surveyResultsSchema = z.object({
  surveyId: z.string(),
  language: z.string(),
  responses: z.number(),
  distribution: rate.extend({
    byWard: z.array(cellRate.extend({ ward: z.string() })).describe('Personal links by the contact’s ward'),
    byLanguage: z.array(cellRate.extend({ language: z.string() })).describe('Personal links by the contact’s language'),
  }),
  questions: z.array(questionResultSchema),
});
export type SurveyResults = z.infer<typeof surveyResultsSchema>;
export type QuestionResult = z.infer<typeof questionResultSchema>;

const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10);
const UNKNOWN = { ward: '(no ward)', language: '(no language)' } as const;

/**
 * Results from the kept counters, in one language. For an anonymous survey, response-rate cells with fewer
 * respondents than `minimumCell` are suppressed (small-cells.ts).
 */
export function buildResults(
  survey: SurveyDefinition & { id: string },
  counters: Counters,
  language: string,
  minimumCell: number,
): SurveyResults {
  const text = (value: Record<string, string>) => translate(value, language, survey.defaultLanguage);
  const count = (name: string) => counters[name] ?? 0;
  const valuesOf = (attribute: RateAttribute) =>
    Object.keys(counters)
      .filter((name) => name.startsWith(`invited:${attribute}:`))
      .map((name) => name.slice(`invited:${attribute}:`.length))
      .sort();
  const rateOf = (invited: number, responded: number) => ({ invited, responded, rate: percent(responded, invited) });

  const questions = allQuestions(survey).map((question): QuestionResult => {
    const q = question.id;
    const answered = count(`n:${q}`);
    const base = { id: q, type: question.type, text: text(question.text), answered };
    const shares = (entries: { id: string; label: string }[], prefix: string, whole = answered) =>
      entries.map((entry) => {
        const value = count(`${prefix}${entry.id}`);
        return { ...entry, count: value, percent: percent(value, whole) };
      });
    const labelled = (options: { id: string; label: Record<string, string> }[]) =>
      options.map((option) => ({ id: option.id, label: text(option.label) }));
    switch (question.type) {
      case 'singleChoice':
      case 'multipleChoice':
        return { ...base, options: shares(labelled(question.options), `o:${q}:`) };
      case 'yesNo':
        return {
          ...base,
          options: shares(
            [
              { id: 'yes', label: 'yes' },
              { id: 'no', label: 'no' },
            ],
            `o:${q}:`,
          ),
        };
      case 'rating': {
        const values = [];
        for (let value = question.min; value <= question.max; value++)
          values.push({ id: String(value), label: String(value) });
        const sum = count(`s:${q}`);
        return { ...base, options: shares(values, `o:${q}:`), sum, average: average(sum, answered) };
      }
      case 'number': {
        const sum = count(`s:${q}`);
        return { ...base, sum, average: average(sum, answered) };
      }
      case 'date': {
        const prefix = `d:${q}:`;
        const months = Object.keys(counters)
          .filter((name) => name.startsWith(prefix) && count(name) !== 0)
          .map((name) => ({ month: name.slice(prefix.length), count: count(name) }))
          .sort((a, b) => a.month.localeCompare(b.month));
        return { ...base, months };
      }
      case 'ranking': {
        const size = question.options.length;
        const ranking = labelled(question.options).map((option) => {
          const positions = Array.from({ length: size }, (_, index) => count(`p:${q}:${option.id}:${index + 1}`));
          const total = positions.reduce((sum, value, index) => sum + value * (index + 1), 0);
          return { ...option, positions, averagePosition: average(total, answered) };
        });
        return { ...base, ranking: ranking.sort((a, b) => a.averagePosition - b.averagePosition) };
      }
      case 'matrix': {
        const columns = labelled(question.columns);
        const matrix = labelled(question.rows).map((row) => {
          const rowAnswered = columns.reduce((sum, column) => sum + count(`m:${q}:${row.id}:${column.id}`), 0);
          return { ...row, answered: rowAnswered, columns: shares(columns, `m:${q}:${row.id}:`, rowAnswered) };
        });
        return { ...base, matrix };
      }
      default:
        return base;
    }
  });

  const breakdown = (attribute: RateAttribute) => {
    const hidden = survey.anonymous ? suppressedRateValues(counters, attribute, minimumCell) : new Set<string>();
    return valuesOf(attribute).map((value) => {
      const invited = count(`invited:${attribute}:${value}`);
      const cell = hidden.has(value)
        ? { invited, responded: null, rate: null, suppressed: true }
        : rateOf(invited, count(`responded:${attribute}:${value}`));
      return { [attribute]: value === '' ? UNKNOWN[attribute] : value, ...cell };
    });
  };

  return {
    surveyId: survey.id,
    language,
    responses: count('responses'),
    distribution: {
      ...rateOf(count('invited'), count('responded')),
      byWard: breakdown('ward') as SurveyResults['distribution']['byWard'],
      byLanguage: breakdown('language') as SurveyResults['distribution']['byLanguage'],
    },
    questions,
  };
}

/** The values of a contact attribute whose respondents are too few to show in an anonymous survey. */
export function suppressedRateValues(counters: Counters, attribute: RateAttribute, minimumCell: number): Set<string> {
  const prefix = `responded:${attribute}:`;
  const respondents = new Map(
    Object.entries(counters)
      .filter(([name]) => name.startsWith(prefix))
      .map(([name, value]) => [name.slice(prefix.length), value]),
  );
  return suppressedCells(respondents, minimumCell);
}

const average = (sum: number, n: number) => (n === 0 ? 0 : Math.round((sum / n) * 1000) / 1000);

/** An anonymous survey's invitations as staff see them: a ward or language too few respondents share is hidden. */
export function invitationsWithSmallCellsHidden<T extends { ward: string; language?: string }>(
  invitations: readonly T[],
  counters: Counters,
  minimumCell: number,
): T[] {
  const hiddenWards = suppressedRateValues(counters, 'ward', minimumCell);
  const hiddenLanguages = suppressedRateValues(counters, 'language', minimumCell);
  return invitations.map((invitation) => ({
    ...invitation,
    ...(hiddenWards.has(invitation.ward) && { ward: SUPPRESSED }),
    ...(invitation.language !== undefined && hiddenLanguages.has(invitation.language) && { language: SUPPRESSED }),
  }));
}

/** One page of the answers to a free-text question. */
export const textAnswersPageSchema = z.object({
  items: z.array(
    z.object({
      text: z.string(),
      updatedAt: z.string().optional().describe('Left out for anonymous surveys: a time could tell who wrote it'),
    }),
  ),
  nextCursor: z.string().optional(),
});
export type TextAnswersPage = z.infer<typeof textAnswersPageSchema>;

/** A download of every response as CSV. */
export const surveyExportSchema = z.object({ url: z.string(), expiresAt: z.iso.datetime(), responses: z.number() });
export type SurveyExport = z.infer<typeof surveyExportSchema>;
