import * as z from 'zod';
import {
  type Condition,
  type LocalizedText,
  QUESTION_TYPES,
  type Question,
  type Survey,
  type SurveyAvailability,
  translate,
} from '../survey';
import type { Answers } from '../survey-answers';

/**
 * A survey as a citizen sees it, in one language: what the hosted frontend renders from JSON and what the
 * server-rendered page is built from. No staff fields (author, versions, other languages' texts).
 */
const choiceSchema = z.object({ id: z.string(), label: z.string() });
const citizenQuestionSchema = z.object({
  id: z.string(),
  type: z.enum(QUESTION_TYPES),
  text: z.string(),
  help: z.string().optional(),
  required: z.boolean(),
  showIf: z
    .object({ questionId: z.string(), operator: z.string(), value: z.union([z.string(), z.number(), z.boolean()]) })
    .optional(),
  options: z.array(choiceSchema).optional(),
  rows: z.array(choiceSchema).optional(),
  columns: z.array(choiceSchema).optional(),
  min: z.union([z.number(), z.string()]).optional(),
  max: z.union([z.number(), z.string()]).optional(),
  minLabel: z.string().optional(),
  maxLabel: z.string().optional(),
  minPicks: z.number().optional(),
  maxPicks: z.number().optional(),
  maxLength: z.number().optional(),
  multiline: z.boolean().optional(),
  integer: z.boolean().optional(),
});
export type CitizenQuestion = z.infer<typeof citizenQuestionSchema>;

export const citizenSurveySchema = z.object({
  surveyId: z.string(),
  language: z.string().describe('The language of these texts'),
  languages: z.array(z.string()).describe('Languages the survey can be shown in (?lang=)'),
  title: z.string(),
  description: z.string().optional(),
  anonymous: z.boolean(),
  status: z.enum(['open', 'scheduled']),
  opensAt: z.string().optional(),
  closesAt: z.string().optional(),
  editable: z.boolean().describe('Whether a response given through this link can be changed until the survey closes'),
  answered: z
    .boolean()
    .describe(
      'An anonymous survey’s personal link that has given its one response: the answers are kept apart from the link, so they cannot be shown or changed',
    ),
  sections: z.array(
    z.object({
      id: z.string(),
      title: z.string().optional(),
      description: z.string().optional(),
      questions: z.array(citizenQuestionSchema),
    }),
  ),
  response: z
    .object({ answers: z.record(z.string(), z.unknown()), submittedAt: z.string(), updatedAt: z.string() })
    .optional()
    .describe('The answers already given through this link, to show and change'),
  deviceToken: z
    .string()
    .optional()
    .describe(
      'Set when a survey taking one response per device has just named this device: send it back in the x-voxcitio-device header (a page gets it as a cookie)',
    ),
});
export type CitizenSurvey = z.infer<typeof citizenSurveySchema>;

export function citizenSurvey(
  survey: Survey,
  language: string,
  context: {
    availability: Extract<SurveyAvailability, 'open' | 'scheduled'>;
    editable: boolean;
    answered?: boolean;
    response?: { answers: Answers; submittedAt: string; updatedAt: string };
  },
): CitizenSurvey {
  const text = (value: LocalizedText) => translate(value, language, survey.defaultLanguage);
  const optional = (value: LocalizedText | undefined) => (value ? text(value) : undefined);
  const choices = (options: { id: string; label: LocalizedText }[]) =>
    options.map((option) => ({ id: option.id, label: text(option.label) }));
  const question = (q: Question): CitizenQuestion => {
    const base = {
      id: q.id,
      type: q.type,
      text: text(q.text),
      help: optional(q.help),
      required: q.required,
      showIf: q.showIf as Condition | undefined,
    };
    switch (q.type) {
      case 'singleChoice':
      case 'ranking':
        return { ...base, options: choices(q.options) };
      case 'multipleChoice':
        return { ...base, options: choices(q.options), minPicks: q.minPicks, maxPicks: q.maxPicks };
      case 'text':
        return { ...base, maxLength: q.maxLength, multiline: q.multiline };
      case 'rating':
        return { ...base, min: q.min, max: q.max, minLabel: optional(q.minLabel), maxLabel: optional(q.maxLabel) };
      case 'number':
        return { ...base, min: q.min, max: q.max, integer: q.integer };
      case 'date':
        return { ...base, min: q.min, max: q.max };
      case 'matrix':
        return { ...base, rows: choices(q.rows), columns: choices(q.columns) };
      case 'yesNo':
        return base;
    }
  };
  return withoutUndefined({
    surveyId: survey.id,
    language,
    languages: survey.languages,
    title: text(survey.title),
    description: optional(survey.description),
    anonymous: survey.anonymous,
    status: context.availability,
    opensAt: survey.opensAt,
    closesAt: survey.closesAt,
    editable: context.editable,
    answered: context.answered ?? false,
    sections: survey.sections.map((section) => ({
      id: section.id,
      title: optional(section.title),
      description: optional(section.description),
      questions: section.questions.map(question),
    })),
    response: context.response,
  });
}

/** JSON leaves undefined out anyway; this keeps the object equal to what a client receives. */
function withoutUndefined<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
