/** A survey with every question type, a condition of each operator, and two languages (Welsh partly translated). */
export function everyTypeSurvey(overrides: Record<string, unknown> = {}) {
  const options = (...ids: string[]) => ids.map((id) => ({ id, label: { en: `Option ${id}`, cy: `Opsiwn ${id}` } }));
  return {
    title: { en: 'Riverside park plans', cy: 'Cynlluniau parc glan yr afon' },
    description: { en: 'Tell us what you think.' },
    languages: ['en', 'cy'],
    defaultLanguage: 'en',
    sections: [
      {
        id: 'about',
        title: { en: 'About your visits' },
        questions: [
          {
            id: 'visits',
            type: 'yesNo',
            text: { en: 'Do you visit the park?', cy: 'Ydych chi’n ymweld â’r parc?' },
            required: true,
          },
          {
            id: 'how_often',
            type: 'singleChoice',
            text: { en: 'How often?' },
            required: true,
            options: options('daily', 'weekly', 'rarely'),
            showIf: { questionId: 'visits', operator: 'equals', value: true },
          },
          {
            id: 'why_not',
            type: 'text',
            text: { en: 'Why not?' },
            maxLength: 200,
            showIf: { questionId: 'visits', operator: 'notEquals', value: true },
          },
          {
            id: 'activities',
            type: 'multipleChoice',
            text: { en: 'What do you do there?' },
            options: options('walk', 'run', 'play', 'picnic'),
            minPicks: 1,
            maxPicks: 3,
            showIf: { questionId: 'visits', operator: 'equals', value: true },
          },
          {
            id: 'play_age',
            type: 'number',
            text: { en: 'Age of the youngest child who plays there' },
            min: 0,
            max: 17,
            integer: true,
            showIf: { questionId: 'activities', operator: 'contains', value: 'play' },
          },
        ],
      },
      {
        id: 'views',
        questions: [
          {
            id: 'satisfaction',
            type: 'rating',
            text: { en: 'How satisfied are you with the park?' },
            required: true,
            min: 1,
            max: 5,
            minLabel: { en: 'Not at all' },
            maxLabel: { en: 'Very' },
          },
          {
            id: 'priorities',
            type: 'ranking',
            text: { en: 'Rank these' },
            options: options('toilets', 'lighting', 'benches'),
          },
          {
            id: 'facilities',
            type: 'matrix',
            text: { en: 'Rate each facility' },
            rows: options('paths', 'cafe'),
            columns: options('poor', 'ok', 'good'),
          },
          {
            id: 'last_visit',
            type: 'date',
            text: { en: 'When did you last visit?' },
            min: '2020-01-01',
            max: '2030-12-31',
          },
          { id: 'comments', type: 'text', text: { en: 'Anything else?' }, maxLength: 500 },
        ],
      },
    ],
    ...overrides,
  };
}

/** A complete, valid set of answers to everyTypeSurvey from someone who visits. */
export const visitorAnswers = () => ({
  visits: true,
  how_often: 'weekly',
  activities: ['walk', 'play'],
  play_age: 7,
  satisfaction: 4,
  priorities: ['lighting', 'toilets', 'benches'],
  facilities: { paths: 'good', cafe: 'ok' },
  last_visit: '2026-10-03',
  comments: 'More bins, please.',
});

/** A small seeded generator, so a failure can be replayed. */
export function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(values: readonly T[]) => values[Math.floor(next() * values.length)] as T,
    chance: (p: number) => next() < p,
    shuffle: <T>(values: T[]) => {
      for (let i = values.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [values[i], values[j]] = [values[j] as T, values[i] as T];
      }
      return values;
    },
  };
}
type Random = ReturnType<typeof random>;
export type Answers = Record<string, unknown>;

/** Valid answers to everyTypeSurvey, covering every type and both branches of its conditions. */
export function randomAnswers(r: Random): Answers {
  const answers: Answers = { satisfaction: r.int(1, 5) };
  if (r.chance(0.7)) {
    answers.visits = true;
    answers.how_often = r.pick(['daily', 'weekly', 'rarely']);
    const activities = r.shuffle(['walk', 'run', 'play', 'picnic']).slice(0, r.int(1, 3));
    answers.activities = activities;
    if (activities.includes('play') && r.chance(0.8)) answers.play_age = r.int(0, 17);
  } else {
    answers.visits = false;
    if (r.chance(0.5)) answers.why_not = r.pick(['Too far', 'No time', 'Not safe at night']);
  }
  if (r.chance(0.7)) answers.priorities = r.shuffle(['toilets', 'lighting', 'benches']);
  const facilities: Record<string, string> = {};
  for (const row of ['paths', 'cafe']) if (r.chance(0.6)) facilities[row] = r.pick(['poor', 'ok', 'good']);
  if (Object.keys(facilities).length > 0) answers.facilities = facilities;
  if (r.chance(0.5)) answers.last_visit = `202${r.int(5, 6)}-${String(r.int(1, 12)).padStart(2, '0')}-1${r.int(0, 9)}`;
  if (r.chance(0.3)) answers.comments = r.pick(['More bins', 'Great park', '=1+1']);
  return answers;
}
