import { describe, expect, it } from 'vitest';
import { type SurveyBody, surveyBodySchema } from '../../../shared/surveys/survey';
import { answersFromForm, checkAnswers } from '../../../shared/surveys/survey-answers';
import { everyTypeSurvey, visitorAnswers } from '../../support/survey-fixtures';

const survey = surveyBodySchema.parse(everyTypeSurvey()) as SurveyBody;
const refusals = (answers: unknown) => {
  const outcome = checkAnswers(survey, answers);
  return outcome.ok ? {} : Object.fromEntries(outcome.issues.map((issue) => [issue.questionId, issue.message]));
};
const withAnswers = (change: Record<string, unknown>) => ({ ...visitorAnswers(), ...change });

describe('checking answers against the survey', () => {
  it('accepts a complete, valid response and trims text', () => {
    const outcome = checkAnswers(survey, withAnswers({ comments: '  More bins, please.  ' }));
    expect(outcome).toEqual({ ok: true, answers: visitorAnswers() });
  });

  it('needs every shown required question, and counts blanks as unanswered', () => {
    expect(refusals({ visits: true, how_often: '', activities: [] })).toEqual({
      how_often: 'an answer is required',
      satisfaction: 'an answer is required',
    });
  });

  it('checks each type', () => {
    expect(
      refusals(
        withAnswers({
          how_often: 'hourly',
          activities: ['walk', 'walk'],
          satisfaction: 4.5,
          priorities: ['lighting', 'toilets'],
          facilities: { paths: 'excellent' },
          last_visit: '2026-02-30',
          comments: 'x'.repeat(501),
        }),
      ),
    ).toEqual({
      how_often: 'not an option of this question: hourly',
      activities: 'an option is picked twice',
      satisfaction: 'expected a whole number',
      priorities: 'rank every option exactly once',
      facilities: 'row paths: not a column of this question',
      last_visit: 'expected a date as YYYY-MM-DD',
      comments: 'at most 500 characters (this has 501)',
    });
  });

  it('takes dates within the question’s range, or within 1900–2100 when it has none (results count them by month)', () => {
    const open = surveyBodySchema.parse({
      title: { en: 'Dates' },
      defaultLanguage: 'en',
      languages: ['en'],
      sections: [{ id: 's', questions: [{ id: 'born', type: 'date', text: { en: 'Born?' } }] }],
    });
    const refused = (born: string) => {
      const outcome = checkAnswers(open, { born });
      return outcome.ok ? undefined : outcome.issues[0]?.message;
    };
    expect(refused('1900-01-01')).toBeUndefined();
    expect(refused('2100-12-31')).toBeUndefined();
    expect(refused('1899-12-31')).toBe('expected 1900-01-01 or later');
    expect(refused('9999-01-01')).toBe('expected 2100-12-31 or earlier');
  });

  it('checks ranges, picks and types of value', () => {
    expect(
      refusals(
        withAnswers({
          visits: 'yes',
          satisfaction: 6,
          last_visit: '2019-12-31',
          facilities: { garden: 'ok' },
          priorities: 'lighting',
        }),
      ),
    ).toMatchObject({
      visits: 'expected yes (true) or no (false)',
      satisfaction: 'expected 1 to 5',
      last_visit: 'expected 2020-01-01 or later',
      facilities: 'not a row of this question: garden',
      priorities: 'expected the option ids in order',
    });
    expect(refusals(withAnswers({ activities: ['walk', 'run', 'play', 'picnic'] }))).toEqual({
      activities: 'pick at most 3',
    });
    expect(refusals(withAnswers({ play_age: 18 }))).toEqual({ play_age: 'expected at most 17' });
    expect(refusals(withAnswers({ play_age: 7.5 }))).toEqual({ play_age: 'expected a whole number' });
  });

  it('refuses answers to questions the conditions hide, and to unknown questions', () => {
    // Not a visitor: how_often, activities and play_age are hidden; why_not is shown.
    expect(refusals({ visits: false, satisfaction: 2, how_often: 'daily', why_not: 'Too far', colour: 'red' })).toEqual(
      {
        colour: 'no such question in this survey',
        how_often: 'not asked for your earlier answers: leave it unanswered',
      },
    );
    // play_age shows only when activities contains play.
    expect(refusals(withAnswers({ activities: ['walk'] }))).toEqual({
      play_age: 'not asked for your earlier answers: leave it unanswered',
    });
    // A question is hidden when the question its condition reads is itself hidden.
    expect(refusals({ visits: false, satisfaction: 2, play_age: 3 })).toEqual({
      play_age: 'not asked for your earlier answers: leave it unanswered',
    });
  });

  it('refuses answers that are not an object', () => {
    expect(checkAnswers(survey, ['walk'])).toEqual({
      ok: false,
      issues: [{ questionId: '', message: 'answers must be an object keyed by question id' }],
    });
  });
});

describe('answers from the HTML form', () => {
  it('reads every type from form fields into the same answers as JSON', () => {
    const fields = new Map<string, string[]>([
      ['q.visits', ['yes']],
      ['q.how_often', ['weekly']],
      ['q.activities', ['walk', 'play']],
      ['q.play_age', ['7']],
      ['q.satisfaction', ['4']],
      ['q.priorities.toilets', ['2']],
      ['q.priorities.lighting', ['1']],
      ['q.priorities.benches', ['3']],
      ['q.facilities.paths', ['good']],
      ['q.facilities.cafe', ['ok']],
      ['q.last_visit', ['2026-10-03']],
      ['q.comments', ['More bins, please.']],
      ['q.why_not', ['   ']],
      ['lang', ['en']],
    ]);
    expect(answersFromForm(survey, fields)).toEqual(visitorAnswers());
  });

  it('hands on what does not parse, so the check explains it', () => {
    const fields = new Map([
      ['q.visits', ['yes']],
      ['q.how_often', ['daily']],
      ['q.activities', ['walk']],
      ['q.satisfaction', ['lots']],
      ['q.priorities.toilets', ['1']],
      ['q.priorities.lighting', ['1']],
    ]);
    const answers = answersFromForm(survey, fields);
    expect(refusals(answers)).toEqual({
      satisfaction: 'expected a whole number',
      priorities: 'rank every option exactly once',
    });
  });
});
