import { describe, expect, it } from 'vitest';
import { IMPORT_TEST_MS } from '../../support/eventually';
import { type Answers, random, randomAnswers } from '../../support/survey-fixtures';
import { call } from '../api-client';
import { citizen, createSurvey, mintLinks, wardWithContacts } from '../surveys-client';

const run = Date.now().toString(36);
const LINKS = 500;
const PUBLIC_SUBMISSIONS = 500;
const IN_FLIGHT = 48;
/** How often a citizen sends an answer that met a conflict (409) before the test counts it as refused. */
const CONFLICT_ATTEMPTS = 50;

/** The totals the results must show, counted here from the answers alone. */
function tally(all: Answers[]) {
  const count = new Map<string, number>();
  const add = (key: string, amount = 1) => count.set(key, (count.get(key) ?? 0) + amount);
  for (const answers of all) {
    for (const [question, value] of Object.entries(answers)) {
      add(`answered ${question}`);
      if (question === 'visits') add(`visits ${value ? 'yes' : 'no'}`);
      else if (question === 'satisfaction') {
        add(`satisfaction ${value}`);
        add('satisfaction sum', value as number);
      } else if (question === 'play_age') add('play_age sum', value as number);
      else if (question === 'how_often') add(`how_often ${value}`);
      else if (question === 'activities') for (const pick of value as string[]) add(`activities ${pick}`);
      else if (question === 'priorities')
        (value as string[]).forEach((option, index) => {
          add(`priorities ${option} ${index + 1}`);
        });
      else if (question === 'facilities')
        for (const [row, column] of Object.entries(value as Record<string, string>)) add(`facilities ${row} ${column}`);
      else if (question === 'last_visit') add(`last_visit ${(value as string).slice(0, 7)}`);
    }
  }
  return count;
}

/** The same totals, read from the results the API gives. */
function totalsFromResults(results: any) {
  const count = new Map<string, number>();
  const set = (key: string, value: number) => {
    if (value !== 0) count.set(key, value);
  };
  for (const question of results.questions) {
    set(`answered ${question.id}`, question.answered);
    for (const option of question.options ?? []) set(`${question.id} ${option.id}`, option.count);
    if (question.sum !== undefined) set(`${question.id} sum`, question.sum);
    for (const entry of question.ranking ?? [])
      entry.positions.forEach((value: number, index: number) => {
        set(`${question.id} ${entry.id} ${index + 1}`, value);
      });
    for (const row of question.matrix ?? [])
      for (const column of row.columns) set(`${question.id} ${row.id} ${column.id}`, column.count);
    for (const month of question.months ?? []) set(`${question.id} ${month.month}`, month.count);
  }
  return count;
}

async function inParallel<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < tasks.length) {
        const index = next++;
        results[index] = await (tasks[index] as () => Promise<T>)();
      }
    }),
  );
  return results;
}

describe('survey results under concurrency', { timeout: IMPORT_TEST_MS }, () => {
  it('equal totals counted independently from what was submitted, exactly, after edits and retries', async () => {
    const r = random(20261124);
    const ward = `Concurrency ${run}`;
    const { segmentId } = await wardWithContacts(LINKS, ward);
    const survey = await createSurvey();
    const { links } = await mintLinks(survey.id, segmentId);
    expect(links).toHaveLength(LINKS);
    const publicLink = await call('PUT', `/surveys/${survey.id}/public-link`, {
      role: 'manager',
      json: { onePerDevice: false },
    });
    const publicToken = publicLink.body.publicLink.token as string;

    // Each personal link answers one to four times (edits), and some of those are sent twice at once (retries).
    const variants = new Map<string, Answers[]>();
    const submissions: { token: string; answers: Answers }[] = [];
    for (const link of links) {
      const answers = Array.from({ length: r.int(1, 4) }, () => randomAnswers(r));
      variants.set(link.token, answers);
      for (const answer of answers) {
        submissions.push({ token: link.token, answers: answer });
        if (r.chance(0.25)) submissions.push({ token: link.token, answers: answer });
      }
    }
    const publicAnswers = Array.from({ length: PUBLIC_SUBMISSIONS }, () => randomAnswers(r));
    for (const answers of publicAnswers) submissions.push({ token: publicToken, answers });
    r.shuffle(submissions);
    expect(submissions.length).toBeGreaterThan(2000);

    const statuses = await inParallel(
      submissions.map(({ token, answers }) => async () => {
        // A citizen whose answer met too many others at once sends it again, a bounded number of times.
        let response = await citizen('POST', `/s/${token}`, { json: { answers } });
        for (let attempt = 1; response.status === 409 && attempt < CONFLICT_ATTEMPTS; attempt++)
          response = await citizen('POST', `/s/${token}`, { json: { answers } });
        return response.status;
      }),
      IN_FLIGHT,
    );
    expect(new Set(statuses)).toEqual(new Set([200, 201]));
    // One response per personal link (the first save), one per public submission.
    expect(statuses.filter((status) => status === 201)).toHaveLength(LINKS + PUBLIC_SUBMISSIONS);

    // What each link finally holds is one of the answers it sent.
    const finals = await inParallel(
      links.map((link) => async () => {
        const response = await citizen('GET', `/s/${link.token}`);
        expect(variants.get(link.token)).toContainEqual(response.body.response.answers);
        return response.body.response.answers as Answers;
      }),
      IN_FLIGHT,
    );

    const results = await call('GET', `/surveys/${survey.id}/results`, { role: 'viewer' });
    expect(results.body.responses).toBe(LINKS + PUBLIC_SUBMISSIONS);
    expect(results.body.distribution).toMatchObject({ invited: LINKS, responded: LINKS, rate: 100 });
    expect(results.body.distribution.byWard).toEqual([{ ward, invited: LINKS, responded: LINKS, rate: 100 }]);
    expect(Object.fromEntries(totalsFromResults(results.body))).toEqual(
      Object.fromEntries(tally([...finals, ...publicAnswers])),
    );
  }, 240_000);
});
