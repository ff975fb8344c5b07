import * as z from 'zod';
import { type Survey, surveyFields } from './survey-definition';
import { definitionProblems } from './survey-definition-problems';

/**
 * Surveys, in one import: the definition (survey-definition.ts), its rules (survey-definition-problems.ts),
 * languages (survey-languages.ts) and what a change may not break (survey-changes.ts), with the body staff send
 * and what a survey is to a citizen now. Answers are checked in survey-answers.ts; results are counters
 * derived in survey-results.ts.
 */
export * from './survey-changes';
export * from './survey-definition';
export * from './survey-definition-problems';
export * from './survey-languages';

/** What staff send to create or replace a survey; cross-field rules are checked by `definitionProblems`. */
export const surveyBodySchema = z.strictObject(surveyFields).superRefine((body, context) => {
  for (const problem of definitionProblems(body)) context.addIssue({ code: 'custom', ...problem });
});
export type SurveyBody = z.output<typeof surveyBodySchema>;

/** What a survey is to a citizen at this moment, from its status and its open and close times. */
export type SurveyAvailability = 'draft' | 'scheduled' | 'open' | 'closed';

export function availability(survey: Pick<Survey, 'status' | 'opensAt' | 'closesAt'>, now: Date): SurveyAvailability {
  if (survey.status === 'draft') return 'draft';
  if (survey.status === 'closed') return 'closed';
  if (survey.closesAt && now.getTime() >= Date.parse(survey.closesAt)) return 'closed';
  if (survey.opensAt && now.getTime() < Date.parse(survey.opensAt)) return 'scheduled';
  return 'open';
}
