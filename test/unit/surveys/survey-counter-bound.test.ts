import { describe, expect, it } from 'vitest';
import {
  counterBoundIssue,
  DEFINITION_COUNTER_BYTES,
  DISTRIBUTION_COUNTER_BYTES,
  DYNAMODB_ITEM_BYTES,
  definitionCounterBytes,
  definitionCounters,
  distributionCounterBytes,
  WORST_SHARD_BYTES,
} from '../../../shared/surveys/survey-counter-bound';
import { responseCounters } from '../../../shared/surveys/survey-results';
import { largestAcceptedMatrices, largestMatrix, limitOptions as options, surveyOf } from '../../support/large-surveys';

describe('the counters of a survey fit a DynamoDB item, by design', () => {
  it('proves the worst shard item under DynamoDB’s 400 KB', () => {
    expect(WORST_SHARD_BYTES).toBeLessThan(DYNAMODB_ITEM_BYTES);
  });

  it('takes the largest definition under the bound and refuses one question more, with a field message', () => {
    const count = largestAcceptedMatrices();
    expect(count).toBeGreaterThan(3);
    const largest = surveyOf(Array.from({ length: count }, (_, i) => largestMatrix(i)));
    expect(definitionCounterBytes(largest)).toBeLessThanOrEqual(DEFINITION_COUNTER_BYTES);
    const over = surveyOf(Array.from({ length: count + 1 }, (_, i) => largestMatrix(i)));
    expect(counterBoundIssue(over)).toMatchObject({ path: 'body.sections', message: expect.stringMatching(/KiB/) });
  });

  it('counts every name the answers can make: the bound is never below what responses write', () => {
    const survey = surveyOf([
      { id: 'choice', type: 'multipleChoice', text: { en: 'c' }, options: options('o', 5) },
      { id: 'rate', type: 'rating', text: { en: 'r' }, min: 0, max: 10 },
      { id: 'yes', type: 'yesNo', text: { en: 'y' } },
      { id: 'num', type: 'number', text: { en: 'n' } },
      { id: 'when', type: 'date', text: { en: 'd' }, min: '2026-01-15', max: '2026-04-02' },
      { id: 'rank', type: 'ranking', text: { en: 'k' }, options: options('k', 4) },
      { id: 'grid', type: 'matrix', text: { en: 'm' }, rows: options('r', 3), columns: options('c', 2) },
      { id: 'free', type: 'text', text: { en: 't' } },
    ]);
    const ids = (prefix: string, count: number) => options(prefix, count).map((option) => option.id);
    const answers = [0, 1, 2, 3].map((i) => ({
      choice: ids('o', 5).slice(i, i + 2),
      rate: i * 3,
      yes: i % 2 === 0,
      num: 1e30 * (i + 1),
      when: ['2026-01-15', '2026-02-10', '2026-03-31', '2026-04-02'][i] as string,
      rank: [...ids('k', 4).slice(i), ...ids('k', 4).slice(0, i)],
      grid: Object.fromEntries(ids('r', 3).map((row, r) => [row, ids('c', 2)[(r + i) % 2] as string])),
      free: 'x',
    }));
    const written = new Set(answers.flatMap((answer) => Object.keys(responseCounters(survey, answer))));
    // Every name written is one the bound counted: a name the bound missed would let an item outgrow it.
    const counted = new Set(definitionCounters(survey).map(({ name }) => name));
    expect([...written].filter((name) => !counted.has(name))).toEqual([]);
    expect(written.has('d:when:2026-04')).toBe(true);
  });

  it('bounds a date question without a range by the window its answers must fall in', () => {
    const open = surveyOf([{ id: 'when', type: 'date', text: { en: 'd' } }]);
    const year = surveyOf([{ id: 'when', type: 'date', text: { en: 'd' }, min: '2026-01-01', max: '2026-12-31' }]);
    expect(definitionCounterBytes(open)).toBeGreaterThan(100 * definitionCounterBytes(year));
    expect(counterBoundIssue(open)).toBeUndefined();
  });

  it('sizes the distribution counters from the wards and languages invitations hold', () => {
    const wards = new Set(Array.from({ length: 1000 }, (_, i) => `Ward number ${i}`));
    const bytes = distributionCounterBytes({ ward: wards, language: new Set(['en', 'cy']) });
    expect(bytes).toBeLessThan(DISTRIBUTION_COUNTER_BYTES);
    const more = new Set(Array.from({ length: 3000 }, (_, i) => `Ward number ${i}`));
    expect(distributionCounterBytes({ ward: more, language: new Set() })).toBeGreaterThan(DISTRIBUTION_COUNTER_BYTES);
  });
});
