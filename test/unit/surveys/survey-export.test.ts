import { describe, expect, it } from 'vitest';
import { type Survey, surveyBodySchema } from '../../../shared/surveys/survey';
import { responsesCsv } from '../../../shared/surveys/survey-export';
import type { StoredResponse } from '../../../shared/surveys/surveys-repository';
import { everyTypeSurvey, visitorAnswers } from '../../support/survey-fixtures';

const survey = (anonymous: boolean): Survey => ({
  ...(surveyBodySchema.parse({ ...everyTypeSurvey(), anonymous }) as Survey),
  id: 'survey-1',
  status: 'open',
  createdBy: 'staff',
  createdAt: '2026-06-01T00:00:00Z',
  updatedAt: '2026-06-01T00:00:00Z',
  version: 1,
});

const responses: StoredResponse[] = Array.from({ length: 12 }, (_, index) => ({
  key: `key-${String(index).padStart(2, '0')}`,
  answers: { ...visitorAnswers(), play_age: index },
  language: index === 0 ? 'cy' : 'en',
  via: 'personal',
  submittedAt: `2026-06-01T10:${String(index).padStart(2, '0')}:00Z`,
  updatedAt: `2026-06-01T11:${String(index).padStart(2, '0')}:00Z`,
  revision: 1,
}));
const pages = async (cursor?: string) =>
  cursor ? { items: responses.slice(6) } : { items: responses.slice(0, 6), nextCursor: 'next' };
const lines = (csv: string) => csv.trim().split('\r\n');

describe('the responses export', () => {
  it('of an anonymous survey carries no key, contact or time, hides a language too few share, in random order', async () => {
    const { csv, rows } = await responsesCsv(survey(true), pages, 5);
    expect(rows).toBe(12);
    const [header, ...body] = lines(csv) as [string, ...string[]];
    expect(header.split(',').slice(0, 3)).toEqual(['via', 'language', 'visits']);
    expect(csv).not.toMatch(/key-|2026-06-01T|response|contactId|submittedAt|updatedAt/);
    // One Welsh response among eleven English: both hidden would be the only way to hide one, so all are.
    expect(body.filter((line) => line.includes(',cy,'))).toEqual([]);
    expect(body.every((line) => line.startsWith('personal,(suppressed),'))).toBe(true);

    const playAge = header.split(',').indexOf('play_age');
    const orders = new Set<string>();
    for (let run = 0; run < 5; run++) {
      const again = lines((await responsesCsv(survey(true), pages, 5)).csv).slice(1);
      orders.add(again.map((line) => line.split(',')[playAge]).join(' '));
    }
    expect(orders.size).toBeGreaterThan(1);
  });

  it('shows a language held by at least the minimum', async () => {
    const { csv } = await responsesCsv(survey(true), pages, 1);
    expect(lines(csv).filter((line) => line.includes(',cy,'))).toHaveLength(1);
  });

  it('of a named survey keeps the key, contact and times, in stored order', async () => {
    const { csv } = await responsesCsv(survey(false), pages, 5);
    const [header, first] = lines(csv) as [string, string];
    expect(header.split(',').slice(0, 6)).toEqual([
      'response',
      'contactId',
      'via',
      'language',
      'submittedAt',
      'updatedAt',
    ]);
    expect(first.startsWith('key-00,,personal,cy,2026-06-01T10:00:00Z')).toBe(true);
  });
});
