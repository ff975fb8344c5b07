import { describe, expect, it } from 'vitest';
import { createContactBodySchema, updateContactBodySchema } from '../../../shared/contacts/contact';
import { isStorableNumber, isSummableNumber } from '../../../shared/core/storable-values';
import { type Survey, surveyBodySchema } from '../../../shared/surveys/survey';
import { checkAnswers } from '../../../shared/surveys/survey-answers';
import { SURVEY_ITEM_BYTES, storedSurveyBytes, surveySizeIssue } from '../../../shared/surveys/survey-size';
import { oversizedSurveyBody } from '../../support/large-surveys';
import { everyTypeSurvey } from '../../support/survey-fixtures';

const issuesOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  result.success ? [] : (result.error?.issues ?? []).map((issue) => issue.path.join('.'));

/** What reached DynamoDB and failed with a 500 before: each is now refused where it enters, with its field. */
describe('values DynamoDB cannot store are refused where they enter', () => {
  it('knows DynamoDB’s range of numbers', () => {
    expect([0, 1, -1, 1e-130, 9.9e125, 123.456].every(isStorableNumber)).toBe(true);
    expect([1e126, 1e300, -1e300, 1e-131, Number.NaN, Number.POSITIVE_INFINITY].some(isStorableNumber)).toBe(false);
  });

  it('in a contact’s attributes, on create and on change, and in attribute keys on change as on create', () => {
    const base = { email: 'a@example.org', consent: {} };
    expect(issuesOf(createContactBodySchema.safeParse({ ...base, attributes: { score: 1e300 } }))).toEqual([
      'attributes.score',
    ]);
    expect(issuesOf(createContactBodySchema.safeParse({ ...base, attributes: { tiny: 1e-131 } }))).toEqual([
      'attributes.tiny',
    ]);
    expect(issuesOf(updateContactBodySchema.safeParse({ attributes: { score: 1e21 } }))).toEqual([]);
    expect(issuesOf(updateContactBodySchema.safeParse({ attributes: { score: 1e300 } }))).toEqual(['attributes.score']);
    for (const key of ['', 'k'.repeat(60_000)]) {
      const issues = issuesOf(updateContactBodySchema.safeParse({ attributes: { [key]: 1 } }));
      expect(issues).toHaveLength(1);
      expect(issues[0]?.startsWith('attributes')).toBe(true);
    }
  });

  it('in a survey’s number range and conditions, and in a number answer, which counters sum', () => {
    expect(isSummableNumber(123.4567891)).toBe(false);
    expect(isSummableNumber(123.456789)).toBe(true);
    expect(isSummableNumber(-1e15)).toBe(true);
    const body = everyTypeSurvey();
    const questions = (body.sections[0]?.questions ?? []) as Record<string, unknown>[];
    const play = questions.find((q) => q.id === 'play_age');
    Object.assign(play as object, { min: -1e300, max: 1e300 });
    const issues = issuesOf(surveyBodySchema.safeParse(body));
    expect(issues.filter((path) => path.endsWith('.min') || path.endsWith('.max'))).toHaveLength(2);

    const survey = surveyBodySchema.parse(
      everyTypeSurvey({
        sections: [{ id: 's', questions: [{ id: 'amount', type: 'number', text: { en: 'How much?' } }] }],
      }),
    );
    const refused = (amount: number) => {
      const outcome = checkAnswers(survey, { amount });
      return outcome.ok ? undefined : outcome.issues[0]?.message;
    };
    expect(refused(1e300)).toMatch(/^expected a number from/);
    expect(refused(1e-131)).toMatch(/^expected a number from/);
    expect(refused(12.5)).toBeUndefined();
  });

  it('in a survey too large for its item, though under the route’s body limit', () => {
    const big = surveyBodySchema.parse(oversizedSurveyBody()) as unknown as Survey;
    expect(Buffer.byteLength(JSON.stringify(big))).toBeLessThan(512 * 1024);
    expect(storedSurveyBytes(big)).toBeGreaterThan(SURVEY_ITEM_BYTES);
    expect(surveySizeIssue(big)).toMatchObject({ path: 'body', message: expect.stringMatching(/KiB stored/) });
    const small = surveyBodySchema.parse(everyTypeSurvey()) as unknown as Survey;
    expect(surveySizeIssue(small)).toBeUndefined();
  });
});
