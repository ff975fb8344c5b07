import { type SurveyBody, surveyBodySchema } from '../../shared/surveys/survey';
import { counterBoundIssue } from '../../shared/surveys/survey-counter-bound';

/** Surveys at the limits of what the API takes, for the tests of the counters' bound. */
const id = (prefix: string, i: number) => `${prefix}${String(i).padStart(3, '0')}`.padEnd(40, 'x');
export const limitOptions = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => ({ id: id(prefix, i), label: { en: `${prefix} ${i}` } }));

/** The heaviest question the API takes: a 30 × 11 matrix with ids of 40 characters. */
export const largestMatrix = (i: number) => ({
  id: id('q', i),
  type: 'matrix' as const,
  text: { en: `Matrix ${i}` },
  rows: limitOptions('r', 30),
  columns: limitOptions('c', 11),
});

/** A survey's body, as the API takes it, of these questions in one section. */
export const surveyBodyOf = (questions: unknown[]) => ({
  title: { en: 'Big' },
  defaultLanguage: 'en',
  languages: ['en'],
  sections: [{ id: 's1', questions }],
});

export const surveyOf = (questions: unknown[]): SurveyBody => surveyBodySchema.parse(surveyBodyOf(questions));

/** A survey of `count` of the largest matrices. */
export const matricesSurvey = (count: number) => Array.from({ length: count }, (_, i) => largestMatrix(i));

/** The most 30 × 11 matrices a survey may hold under the bound. */
export function largestAcceptedMatrices(): number {
  let count = 1;
  while (counterBoundIssue(surveyOf(Array.from({ length: count + 1 }, (_, i) => largestMatrix(i)))) === undefined)
    count += 1;
  return count;
}

/** A survey under the route's 512 KiB body limit but over what one DynamoDB item holds (20 languages of long texts). */
export function oversizedSurveyBody() {
  const long = 'x'.repeat(990);
  const languages = Array.from({ length: 20 }, (_, i) => `l${String.fromCharCode(97 + i)}`);
  const text = Object.fromEntries(languages.map((language) => [language, long]));
  return {
    title: { la: 'Big' },
    defaultLanguage: 'la',
    languages,
    sections: [
      { id: 's', questions: Array.from({ length: 12 }, (_, i) => ({ id: `q${i}`, type: 'text', text, help: text })) },
    ],
  };
}
