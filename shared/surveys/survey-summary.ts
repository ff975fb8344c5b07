import * as z from 'zod';
import { allQuestions, type Survey, surveySchema } from './survey';

/** A survey in a listing: everything but its sections and description, with how many questions it asks. */
export const surveySummarySchema = surveySchema
  .omit({ sections: true, description: true })
  .extend({ questions: z.number().int().describe('Questions the survey asks, in every section') });
export type SurveySummary = z.infer<typeof surveySummarySchema>;

export const surveySummaryPageSchema = z.object({
  items: z.array(surveySummarySchema),
  nextCursor: z.string().optional(),
});
export type SurveySummaryPage = z.infer<typeof surveySummaryPageSchema>;

export function surveySummary(survey: Survey): SurveySummary {
  const { sections, description: _description, ...summary } = survey;
  return { ...summary, questions: allQuestions({ sections }).length };
}
