import * as z from 'zod';
import { summableNumber } from '../core/storable-values';

/**
 * A survey's definition as staff build it: multilingual texts, sections of typed questions, conditional
 * display, a lifecycle (draft → open → closed) with optional open and close times. The rules a schema cannot
 * state are in survey-definition-problems.ts; survey.ts puts the two together as the body staff send.
 */

export const SURVEY_STATUSES = ['draft', 'open', 'closed'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];

export const QUESTION_TYPES = [
  'singleChoice',
  'multipleChoice',
  'text',
  'rating',
  'yesNo',
  'number',
  'date',
  'ranking',
  'matrix',
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

const languageCode = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'expected a language code such as en, cy or pt-BR');
const identifier = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,40}$/, 'use 1 to 40 letters, digits, - or _')
  .describe('Stable id, used in answers, results and exports');

/** One text in several languages, keyed by language code; the survey's default language must be present. */
const localized = (maxLength: number) => z.record(languageCode, z.string().trim().min(1).max(maxLength));
export type LocalizedText = Record<string, string>;

const optionSchema = z.strictObject({ id: identifier, label: localized(300) });
const optionsSchema = (min: number, max: number) => z.array(optionSchema).min(min).max(max);
const isoDate = z.iso.date();
/** A date question with no range of its own takes answers between these (its results count them by month). */
export const DATE_WINDOW = { min: '1900-01-01', max: '2100-12-31' } as const;

export const CONDITION_OPERATORS = ['equals', 'notEquals', 'contains'] as const;
export const conditionSchema = z
  .strictObject({
    questionId: identifier.describe('An earlier question'),
    operator: z.enum(CONDITION_OPERATORS),
    value: z.union([z.string().min(1).max(300), summableNumber, z.boolean()]),
  })
  .describe(
    'Show the question only when the earlier question is shown, answered, and its answer equals, differs from or contains the value',
  );
export type Condition = z.infer<typeof conditionSchema>;

const questionBase = {
  id: identifier,
  text: localized(1000),
  help: localized(2000).optional(),
  required: z.boolean().default(false),
  showIf: conditionSchema.optional(),
};

export const questionSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...questionBase, type: z.literal('singleChoice'), options: optionsSchema(2, 100) }),
  z.strictObject({
    ...questionBase,
    type: z.literal('multipleChoice'),
    options: optionsSchema(2, 100),
    minPicks: z.number().int().min(1).optional(),
    maxPicks: z.number().int().min(1).optional(),
  }),
  z.strictObject({
    ...questionBase,
    type: z.literal('text'),
    maxLength: z.number().int().min(1).max(10_000).default(2000),
    multiline: z.boolean().default(true),
  }),
  z.strictObject({
    ...questionBase,
    type: z.literal('rating'),
    min: z.number().int().min(0).max(1).default(1),
    max: z.number().int().min(2).max(10).default(5),
    minLabel: localized(100).optional(),
    maxLabel: localized(100).optional(),
  }),
  z.strictObject({ ...questionBase, type: z.literal('yesNo') }),
  z.strictObject({
    ...questionBase,
    type: z.literal('number'),
    min: summableNumber.optional(),
    max: summableNumber.optional(),
    integer: z.boolean().default(false),
  }),
  z.strictObject({ ...questionBase, type: z.literal('date'), min: isoDate.optional(), max: isoDate.optional() }),
  z.strictObject({ ...questionBase, type: z.literal('ranking'), options: optionsSchema(2, 20) }),
  z.strictObject({
    ...questionBase,
    type: z.literal('matrix'),
    rows: optionsSchema(1, 30),
    columns: optionsSchema(2, 11).describe('The scale every row is answered on'),
  }),
]);
export type Question = z.infer<typeof questionSchema>;
export type QuestionOf<T extends QuestionType> = Extract<Question, { type: T }>;

export const sectionSchema = z.strictObject({
  id: identifier,
  title: localized(300).optional(),
  description: localized(2000).optional(),
  questions: z.array(questionSchema).min(1).max(200),
});
export type Section = z.infer<typeof sectionSchema>;

/** The fields of a survey's definition, for the body schema (survey.ts) and the stored survey alike. */
export const surveyFields = {
  title: localized(300),
  description: localized(5000).optional(),
  languages: z.array(languageCode).min(1).max(20).describe('Languages the survey is written in'),
  defaultLanguage: languageCode.describe('Shown when the citizen’s language is not among the languages'),
  anonymous: z
    .boolean()
    .default(false)
    .describe('No stored item ties an answer to a contact; links only keep a responded mark'),
  opensAt: z.iso.datetime({ offset: true }).optional().describe('Once opened, answers are taken from this time'),
  closesAt: z.iso.datetime({ offset: true }).optional().describe('Links expire and answers stop at this time'),
  sections: z.array(sectionSchema).min(1).max(50),
};

export const publicLinkSchema = z.object({
  token: z.string().describe('Part of the public link /s/{token}; anyone holding it may answer'),
  onePerDevice: z.boolean(),
  createdAt: z.iso.datetime(),
});

export const surveySchema = z.object({
  ...surveyFields,
  id: z.string(),
  status: z.enum(SURVEY_STATUSES),
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  openedAt: z.iso.datetime().optional(),
  closedAt: z.iso.datetime().optional(),
  duplicatedFrom: z.string().optional(),
  publicLink: publicLinkSchema.optional(),
  /** Bumped by every change; responses are checked against the version they were answered on. */
  version: z.number().int(),
});
export type Survey = z.infer<typeof surveySchema>;
export type SurveyDefinition = Pick<Survey, keyof typeof surveyFields>;

export const allQuestions = (survey: Pick<SurveyDefinition, 'sections'>): Question[] =>
  survey.sections.flatMap((section) => section.questions);
