import * as z from 'zod';

/**
 * A survey as staff build it: multilingual texts, sections of typed questions, conditional display, a
 * lifecycle (draft → open → closed) with optional open and close times. Answers are checked against this
 * definition in survey-answers.ts; results are kept as counters derived in survey-results.ts.
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
    value: z.union([z.string().min(1).max(300), z.number(), z.boolean()]),
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
    min: z.number().optional(),
    max: z.number().optional(),
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

const surveyFields = {
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

/** What staff send to create or replace a survey; cross-field rules are checked by `definitionProblems`. */
export const surveyBodySchema = z.strictObject(surveyFields).superRefine((body, context) => {
  for (const problem of definitionProblems(body)) context.addIssue({ code: 'custom', ...problem });
});
export type SurveyBody = z.output<typeof surveyBodySchema>;

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

interface DefinitionProblem {
  path: (string | number)[];
  message: string;
}

/** Rules a schema alone cannot state: ids unique, every text in the default language, conditions on earlier questions. */
export function definitionProblems(survey: SurveyDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const { defaultLanguage, languages } = survey;
  if (!languages.includes(defaultLanguage))
    problems.push({ path: ['defaultLanguage'], message: 'must be one of languages' });
  if (new Set(languages).size !== languages.length) problems.push({ path: ['languages'], message: 'listed twice' });
  const checkText = (text: LocalizedText | undefined, path: (string | number)[]) => {
    if (!text) return;
    if (text[defaultLanguage] === undefined)
      problems.push({ path, message: `needs a text in the default language (${defaultLanguage})` });
    for (const language of Object.keys(text))
      if (!languages.includes(language)) problems.push({ path: [...path, language], message: 'not one of languages' });
  };
  checkText(survey.title, ['title']);
  checkText(survey.description, ['description']);
  if (survey.opensAt && survey.closesAt && Date.parse(survey.closesAt) <= Date.parse(survey.opensAt))
    problems.push({ path: ['closesAt'], message: 'must be after opensAt' });

  const seenSections = new Set<string>();
  const earlier = new Map<string, Question>();
  survey.sections.forEach((section, s) => {
    const sectionPath = ['sections', s];
    if (seenSections.has(section.id))
      problems.push({ path: [...sectionPath, 'id'], message: 'section ids must be unique' });
    seenSections.add(section.id);
    checkText(section.title, [...sectionPath, 'title']);
    checkText(section.description, [...sectionPath, 'description']);
    section.questions.forEach((question, q) => {
      const path = [...sectionPath, 'questions', q];
      if (earlier.has(question.id)) problems.push({ path: [...path, 'id'], message: 'question ids must be unique' });
      checkText(question.text, [...path, 'text']);
      checkText(question.help, [...path, 'help']);
      problems.push(...questionProblems(question, path, checkText));
      if (question.showIf) problems.push(...conditionProblems(question.showIf, earlier, [...path, 'showIf']));
      earlier.set(question.id, question);
    });
  });
  return problems;
}

function questionProblems(
  question: Question,
  path: (string | number)[],
  checkText: (text: LocalizedText | undefined, path: (string | number)[]) => void,
): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const checkOptions = (options: { id: string; label: LocalizedText }[], name: string) => {
    const ids = new Set<string>();
    options.forEach((option, i) => {
      if (ids.has(option.id)) problems.push({ path: [...path, name, i, 'id'], message: 'option ids must be unique' });
      ids.add(option.id);
      checkText(option.label, [...path, name, i, 'label']);
    });
  };
  const checkRange = (min: number | string | undefined, max: number | string | undefined) => {
    if (min !== undefined && max !== undefined && min > max)
      problems.push({ path: [...path, 'max'], message: 'must not be below min' });
  };
  switch (question.type) {
    case 'singleChoice':
    case 'ranking':
      checkOptions(question.options, 'options');
      break;
    case 'multipleChoice':
      checkOptions(question.options, 'options');
      if (question.maxPicks !== undefined && question.maxPicks > question.options.length)
        problems.push({ path: [...path, 'maxPicks'], message: 'more than there are options' });
      if (question.minPicks !== undefined && question.minPicks > (question.maxPicks ?? question.options.length))
        problems.push({ path: [...path, 'minPicks'], message: 'more than maxPicks or the options' });
      break;
    case 'matrix':
      checkOptions(question.rows, 'rows');
      checkOptions(question.columns, 'columns');
      break;
    case 'rating':
      checkText(question.minLabel, [...path, 'minLabel']);
      checkText(question.maxLabel, [...path, 'maxLabel']);
      break;
    case 'number':
    case 'date':
      checkRange(question.min, question.max);
      break;
  }
  return problems;
}

function conditionProblems(
  condition: Condition,
  earlier: Map<string, Question>,
  path: (string | number)[],
): DefinitionProblem[] {
  const source = earlier.get(condition.questionId);
  if (!source) return [{ path: [...path, 'questionId'], message: 'must name an earlier question' }];
  const { operator, value } = condition;
  const fail = (message: string) => [{ path: [...path, 'value'], message }];
  switch (source.type) {
    case 'singleChoice':
    case 'multipleChoice':
      if (!source.options.some((option) => option.id === value)) return fail('not an option id of that question');
      if (source.type === 'singleChoice' && operator === 'contains')
        return [{ path: [...path, 'operator'], message: 'use equals or notEquals for a single choice' }];
      return [];
    case 'yesNo':
      return typeof value === 'boolean' && operator !== 'contains'
        ? []
        : fail('compare a yes/no answer with true or false');
    case 'rating':
    case 'number':
      return typeof value === 'number' && operator !== 'contains'
        ? []
        : fail('compare a number with equals or notEquals');
    case 'text':
    case 'date':
      return typeof value === 'string' ? [] : fail('compare with a text');
    default:
      return [{ path: [...path, 'questionId'], message: `a ${source.type} question cannot be a condition` }];
  }
}

/** What a survey is to a citizen at this moment, from its status and its open and close times. */
export type SurveyAvailability = 'draft' | 'scheduled' | 'open' | 'closed';

export function availability(survey: Pick<Survey, 'status' | 'opensAt' | 'closesAt'>, now: Date): SurveyAvailability {
  if (survey.status === 'draft') return 'draft';
  if (survey.status === 'closed') return 'closed';
  if (survey.closesAt && now.getTime() >= Date.parse(survey.closesAt)) return 'closed';
  if (survey.opensAt && now.getTime() < Date.parse(survey.opensAt)) return 'scheduled';
  return 'open';
}

/**
 * The language to show: the first wanted language the survey has (an exact match, else the same base language,
 * so `pt-BR` finds `pt`), else the default.
 */
export function chooseLanguage(
  survey: Pick<SurveyDefinition, 'languages' | 'defaultLanguage'>,
  wanted: readonly string[],
): string {
  for (const language of wanted) {
    const lower = language.toLowerCase();
    const exact = survey.languages.find((candidate) => candidate.toLowerCase() === lower);
    if (exact) return exact;
    const base = lower.split('-')[0];
    const sameBase = survey.languages.find((candidate) => candidate.toLowerCase().split('-')[0] === base);
    if (sameBase) return sameBase;
  }
  return survey.defaultLanguage;
}

/** Languages in `Accept-Language`, most wanted first. */
export function acceptedLanguages(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const quality = params.map((param) => /^\s*q=([0-9.]+)\s*$/.exec(param)?.[1]).find(Boolean);
      return { tag: tag?.trim() ?? '', quality: quality === undefined ? 1 : Number(quality), index };
    })
    .filter((entry) => entry.tag !== '' && entry.tag !== '*' && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index)
    .map((entry) => entry.tag);
}

/** The text in a language, falling back to the default language when that translation is missing. */
export const translate = (text: LocalizedText, language: string, defaultLanguage: string): string =>
  text[language] ?? text[defaultLanguage] ?? Object.values(text)[0] ?? '';

/**
 * Why a new definition would invalidate answers already given, empty when it would not. Texts, translations
 * and new optional questions may change; what answers were checked against may not.
 */
export function breakingChanges(current: SurveyDefinition, next: SurveyDefinition): string[] {
  const reasons: string[] = [];
  const nextQuestions = new Map(allQuestions(next).map((question) => [question.id, question]));
  const currentIds = new Set<string>();
  for (const question of allQuestions(current)) {
    currentIds.add(question.id);
    const changed = nextQuestions.get(question.id);
    if (!changed) {
      reasons.push(`question ${question.id} was removed`);
      continue;
    }
    if (changed.type !== question.type) {
      reasons.push(`question ${question.id} changed type`);
      continue;
    }
    if (changed.required && !question.required) reasons.push(`question ${question.id} became required`);
    if (canonical(changed.showIf) !== canonical(question.showIf))
      reasons.push(`question ${question.id} changed when it is shown`);
    reasons.push(...answerRuleChanges(question, changed).map((reason) => `question ${question.id}: ${reason}`));
  }
  for (const question of nextQuestions.values())
    if (!currentIds.has(question.id) && question.required)
      reasons.push(`new question ${question.id} is required, which earlier responses have not answered`);
  return reasons;
}

/** JSON with object keys sorted: a definition read back from the database has its keys in another order. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_, inner) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  ) ?? '';

const ids = (options: { id: string }[]) => options.map((option) => option.id);
const missing = (before: string[], after: string[]) => before.filter((id) => !after.includes(id));

function answerRuleChanges(before: Question, after: Question): string[] {
  const reasons: string[] = [];
  const keeps = (what: string, a: unknown, b: unknown) => {
    if (canonical(a) !== canonical(b)) reasons.push(`${what} changed`);
  };
  const widens = (what: string, narrowed: boolean) => {
    if (narrowed) reasons.push(`${what} narrowed`);
  };
  if (before.type === 'singleChoice' || before.type === 'multipleChoice') {
    const after_ = after as typeof before;
    const removed = missing(ids(before.options), ids(after_.options));
    if (removed.length > 0) reasons.push(`options removed: ${removed.join(', ')}`);
  }
  if (before.type === 'multipleChoice') {
    const after_ = after as typeof before;
    widens('minPicks', (after_.minPicks ?? 0) > (before.minPicks ?? 0));
    widens('maxPicks', (after_.maxPicks ?? Infinity) < (before.maxPicks ?? Infinity));
  }
  if (before.type === 'ranking')
    keeps('the options ranked', ids(before.options), ids((after as typeof before).options));
  if (before.type === 'matrix') {
    const after_ = after as typeof before;
    keeps('the rows', ids(before.rows), ids(after_.rows));
    const removed = missing(ids(before.columns), ids(after_.columns));
    if (removed.length > 0) reasons.push(`columns removed: ${removed.join(', ')}`);
  }
  if (before.type === 'text') widens('maxLength', (after as typeof before).maxLength < before.maxLength);
  if (before.type === 'rating') {
    const after_ = after as typeof before;
    keeps('the scale', [before.min, before.max], [after_.min, after_.max]);
  }
  if (before.type === 'number' || before.type === 'date') {
    const after_ = after as typeof before;
    widens('min', after_.min !== undefined && (before.min === undefined || after_.min > before.min));
    widens('max', after_.max !== undefined && (before.max === undefined || after_.max < before.max));
    if (before.type === 'number') widens('integer', (after_ as typeof before).integer && !before.integer);
  }
  return reasons;
}
