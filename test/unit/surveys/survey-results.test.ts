import { describe, expect, it } from 'vitest';
import { type SurveyBody, surveyBodySchema } from '../../../shared/surveys/survey';
import type { Answers } from '../../../shared/surveys/survey-answers';
import {
  buildResults,
  type Counters,
  counterChange,
  distributionCounters,
  responseCounters,
  sumCounters,
} from '../../../shared/surveys/survey-results';
import { everyTypeSurvey, visitorAnswers } from '../../support/survey-fixtures';

const survey = { ...(surveyBodySchema.parse(everyTypeSurvey()) as SurveyBody), id: 'survey-1' };

const nonVisitor: Answers = { visits: false, why_not: 'Too far', satisfaction: 2, last_visit: '2025-01-09' };

describe('results kept as counters', () => {
  it('counts what a response answered', () => {
    expect(responseCounters(survey, visitorAnswers())).toEqual({
      responses: 1,
      'n:visits': 1,
      'o:visits:yes': 1,
      'n:how_often': 1,
      'o:how_often:weekly': 1,
      'n:activities': 1,
      'o:activities:walk': 1,
      'o:activities:play': 1,
      'n:play_age': 1,
      's:play_age': 7,
      'n:satisfaction': 1,
      'o:satisfaction:4': 1,
      's:satisfaction': 4,
      'n:priorities': 1,
      'p:priorities:lighting:1': 1,
      'p:priorities:toilets:2': 1,
      'p:priorities:benches:3': 1,
      'n:facilities': 1,
      'm:facilities:paths:good': 1,
      'm:facilities:cafe:ok': 1,
      'n:last_visit': 1,
      'd:last_visit:2026-10': 1,
      'n:comments': 1,
    });
  });

  it('turns an edit into the difference, so counters stay exact', () => {
    const before = responseCounters(survey, visitorAnswers());
    const after = responseCounters(survey, nonVisitor);
    const change = counterChange(before, after);
    expect(change).toMatchObject({ 'o:visits:yes': -1, 'o:visits:no': 1, 'n:why_not': 1, 's:satisfaction': -2 });
    expect(change).not.toHaveProperty('responses');
    expect(sumCounters([before, change])).toEqual({ ...zeroed(before), ...after });
    expect(counterChange(before, before)).toEqual({});
    expect(counterChange(undefined, after)).toEqual(after);
  });

  it('builds results per question type, with percentages of those who answered', () => {
    const counters = sumCounters([
      responseCounters(survey, visitorAnswers()),
      responseCounters(survey, nonVisitor),
      responseCounters(survey, {
        ...visitorAnswers(),
        satisfaction: 5,
        priorities: ['toilets', 'lighting', 'benches'],
      }),
      ...Array.from({ length: 6 }, () => distributionCounters('invited', { ward: 'Riverside', language: 'cy' }, 1)),
      ...Array.from({ length: 4 }, () => distributionCounters('invited', {}, 1)),
      distributionCounters('responded', { ward: 'Riverside', language: 'cy' }, 1),
      distributionCounters('responded', { ward: 'Riverside', language: 'cy' }, 1),
    ]);
    const results = buildResults(survey, counters, 'cy', 5);
    expect(results.responses).toBe(3);
    expect(results.distribution).toEqual({
      invited: 10,
      responded: 2,
      rate: 20,
      byWard: [
        { ward: '(no ward)', invited: 4, responded: 0, rate: 0 },
        { ward: 'Riverside', invited: 6, responded: 2, rate: 33.3 },
      ],
      byLanguage: [
        { language: '(no language)', invited: 4, responded: 0, rate: 0 },
        { language: 'cy', invited: 6, responded: 2, rate: 33.3 },
      ],
    });
    const question = (id: string) => results.questions.find((entry) => entry.id === id);
    expect(question('visits')?.options).toEqual([
      { id: 'yes', label: 'yes', count: 2, percent: 66.7 },
      { id: 'no', label: 'no', count: 1, percent: 33.3 },
    ]);
    expect(question('visits')?.text).toBe('Ydych chi’n ymweld â’r parc?');
    expect(question('how_often')?.options?.[1]).toEqual({
      id: 'weekly',
      label: 'Opsiwn weekly',
      count: 2,
      percent: 100,
    });
    expect(question('satisfaction')).toMatchObject({ answered: 3, average: 3.667, sum: 11 });
    expect(question('satisfaction')?.options?.map((option) => option.count)).toEqual([0, 1, 0, 1, 1]);
    expect(question('play_age')).toMatchObject({ answered: 2, average: 7 });
    expect(question('priorities')?.ranking?.map((entry) => [entry.id, entry.averagePosition, entry.positions])).toEqual(
      [
        ['toilets', 1.5, [1, 1, 0]],
        ['lighting', 1.5, [1, 1, 0]],
        ['benches', 3, [0, 0, 2]],
      ],
    );
    expect(question('facilities')?.matrix?.[0]).toMatchObject({
      id: 'paths',
      answered: 2,
      columns: [
        { id: 'poor', count: 0, percent: 0 },
        { id: 'ok', count: 0, percent: 0 },
        { id: 'good', count: 2, percent: 100 },
      ],
    });
    expect(question('last_visit')?.months).toEqual([
      { month: '2025-01', count: 1 },
      { month: '2026-10', count: 2 },
    ]);
    expect(question('comments')).toEqual({ id: 'comments', type: 'text', text: 'Anything else?', answered: 2 });
  });
});

const zeroed = (counters: Counters) => Object.fromEntries(Object.keys(counters).map((name) => [name, 0]));

describe('results of an anonymous survey', () => {
  const respondents = (ward: string, language: string, n: number) =>
    Array.from({ length: n }, () => [
      distributionCounters('invited', { ward, language }, 1),
      distributionCounters('responded', { ward, language }, 1),
    ]).flat();

  it('suppresses response-rate cells with fewer respondents than the minimum, and one more so none can be subtracted', () => {
    const counters = sumCounters([
      ...respondents('Riverside', 'en', 9),
      ...respondents('Hillside', 'en', 4),
      ...respondents('Docks', 'cy', 1),
      distributionCounters('invited', { ward: 'Docks', language: 'cy' }, 1),
    ]);
    const anonymous = buildResults({ ...survey, anonymous: true }, counters, 'en', 5);
    expect(anonymous.distribution.responded).toBe(14);
    expect(anonymous.distribution.byWard).toEqual([
      { ward: 'Docks', invited: 2, responded: null, rate: null, suppressed: true },
      { ward: 'Hillside', invited: 4, responded: null, rate: null, suppressed: true },
      { ward: 'Riverside', invited: 9, responded: 9, rate: 100 },
    ]);
    expect(anonymous.distribution.byLanguage).toEqual([
      { language: 'cy', invited: 2, responded: null, rate: null, suppressed: true },
      // Shown, English would give Welsh back as the total minus it.
      { language: 'en', invited: 13, responded: null, rate: null, suppressed: true },
    ]);
    const named = buildResults({ ...survey, anonymous: false }, counters, 'en', 5);
    expect(named.distribution.byLanguage[0]).toEqual({ language: 'cy', invited: 2, responded: 1, rate: 50 });
  });
});
