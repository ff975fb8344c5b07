import { describe, expect, it } from 'vitest';
import {
  acceptedLanguages,
  availability,
  breakingChanges,
  chooseLanguage,
  type SurveyBody,
  surveyBodySchema,
  translate,
} from '../../../shared/surveys/survey';
import { everyTypeSurvey } from '../../support/survey-fixtures';

const parse = (body: unknown) => surveyBodySchema.safeParse(body);
const issuesOf = (body: unknown) => {
  const result = parse(body);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};
const questionOf = (body: ReturnType<typeof everyTypeSurvey>, section: number, question: number) =>
  (body.sections[section] as { questions: Record<string, unknown>[] }).questions[question] as Record<string, unknown>;
const valid = () => surveyBodySchema.parse(everyTypeSurvey()) as SurveyBody;

describe('a survey definition', () => {
  it('accepts every question type, with defaults filled in', () => {
    const survey = valid();
    expect(survey.sections.flatMap((section) => section.questions.map((question) => question.type))).toEqual([
      'yesNo',
      'singleChoice',
      'text',
      'multipleChoice',
      'number',
      'rating',
      'ranking',
      'matrix',
      'date',
      'text',
    ]);
    expect(survey.anonymous).toBe(false);
    expect(survey.sections[1]?.questions[0]?.required).toBe(true);
    expect(survey.sections[1]?.questions[1]?.required).toBe(false);
  });

  it('needs every text in the default language, and only declared languages', () => {
    const body = everyTypeSurvey({ title: { cy: 'Dim ond Cymraeg' } });
    expect(issuesOf(body)).toContain('title: needs a text in the default language (en)');
    const french = everyTypeSurvey({ description: { en: 'x', fr: 'y' } });
    expect(issuesOf(french)).toContain('description.fr: not one of languages');
    expect(issuesOf(everyTypeSurvey({ defaultLanguage: 'fr' }))).toContain('defaultLanguage: must be one of languages');
  });

  it('refuses duplicate ids, conditions on later or unknown questions, and values a condition can never meet', () => {
    const body = everyTypeSurvey();
    const questions = body.sections[0]?.questions as Record<string, unknown>[];
    questions[2] = { ...questions[2], id: 'visits' };
    expect(issuesOf(body)).toContain('sections.0.questions.2.id: question ids must be unique');

    const later = everyTypeSurvey();
    (later.sections[0]?.questions[1] as Record<string, unknown>).showIf = {
      questionId: 'comments',
      operator: 'equals',
      value: 'x',
    };
    expect(issuesOf(later)).toContain('sections.0.questions.1.showIf.questionId: must name an earlier question');

    const badValue = everyTypeSurvey();
    (badValue.sections[0]?.questions[1] as Record<string, unknown>).showIf = {
      questionId: 'visits',
      operator: 'equals',
      value: 'yes',
    };
    expect(issuesOf(badValue)).toContain(
      'sections.0.questions.1.showIf.value: compare a yes/no answer with true or false',
    );

    const badOption = everyTypeSurvey();
    (badOption.sections[0]?.questions[4] as Record<string, unknown>).showIf = {
      questionId: 'activities',
      operator: 'contains',
      value: 'swim',
    };
    expect(issuesOf(badOption)).toContain('sections.0.questions.4.showIf.value: not an option id of that question');
  });

  it('refuses impossible ranges and picks', () => {
    const body = everyTypeSurvey();
    Object.assign(body.sections[0]?.questions[3] as object, { minPicks: 4, maxPicks: 2 });
    Object.assign(body.sections[0]?.questions[4] as object, { min: 10, max: 2 });
    Object.assign(body.sections[1]?.questions[0] as object, { max: 11 });
    const issues = issuesOf(body);
    expect(issues).toContain('sections.0.questions.3.minPicks: more than maxPicks or the options');
    expect(issues).toContain('sections.0.questions.4.max: must not be below min');
    expect(issues.some((issue) => issue.startsWith('sections.1.questions.0.max'))).toBe(true);
    expect(issuesOf(everyTypeSurvey({ opensAt: '2026-12-01T00:00:00Z', closesAt: '2026-11-01T00:00:00Z' }))).toContain(
      'closesAt: must be after opensAt',
    );
  });

  it('refuses unknown fields and question types', () => {
    expect(issuesOf(everyTypeSurvey({ colour: 'red' }))).toContain(': Unrecognized key: "colour"');
    const body = everyTypeSurvey();
    (body.sections[0]?.questions[0] as Record<string, unknown>).type = 'slider';
    expect(issuesOf(body).some((issue) => issue.startsWith('sections.0.questions.0.type'))).toBe(true);
  });
});

describe('languages', () => {
  const survey = { languages: ['en', 'cy', 'pt'], defaultLanguage: 'en' };
  it('picks the first wanted language the survey has, by exact tag or base language, else the default', () => {
    expect(chooseLanguage(survey, ['fr', 'cy'])).toBe('cy');
    expect(chooseLanguage(survey, ['pt-BR'])).toBe('pt');
    expect(chooseLanguage(survey, ['de'])).toBe('en');
  });
  it('reads Accept-Language by quality', () => {
    expect(acceptedLanguages('fr;q=0.4, cy, en-GB;q=0.8, *;q=0.1')).toEqual(['cy', 'en-GB', 'fr']);
    expect(acceptedLanguages(undefined)).toEqual([]);
  });
  it('falls back to the default language when a translation is missing', () => {
    expect(translate({ en: 'Hello', cy: 'Helo' }, 'cy', 'en')).toBe('Helo');
    expect(translate({ en: 'Hello' }, 'cy', 'en')).toBe('Hello');
  });
});

describe('availability', () => {
  const now = new Date('2026-06-01T12:00:00Z');
  it('follows the status, then the open and close times', () => {
    expect(availability({ status: 'draft' }, now)).toBe('draft');
    expect(availability({ status: 'open' }, now)).toBe('open');
    expect(availability({ status: 'open', opensAt: '2026-06-02T00:00:00Z' }, now)).toBe('scheduled');
    expect(availability({ status: 'open', closesAt: '2026-06-01T11:59:59Z' }, now)).toBe('closed');
    expect(availability({ status: 'closed' }, now)).toBe('closed');
  });
});

describe('changes once answers exist', () => {
  const edit = (change: (body: ReturnType<typeof everyTypeSurvey>) => void) => {
    const body = everyTypeSurvey();
    change(body);
    return breakingChanges(valid(), surveyBodySchema.parse(body) as SurveyBody);
  };

  it('allows new texts, translations, options and optional questions', () => {
    expect(
      edit((body) => {
        body.title = { en: 'Riverside park: your views', cy: 'Parc glan yr afon' };
        (questionOf(body, 0, 1).options as unknown[]).push({
          id: 'never',
          label: { en: 'Never' },
        });
        (body.sections[1] as { questions: unknown[] }).questions.push({
          id: 'extra',
          type: 'yesNo',
          text: { en: 'Extra?' },
        } as never);
      }),
    ).toEqual([]);
  });

  it('compares definitions whatever the order of their keys, as the database returns them', () => {
    const reversed = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reversed)
        : value && typeof value === 'object'
          ? Object.fromEntries(
              Object.entries(value)
                .reverse()
                .map(([key, inner]) => [key, reversed(inner)]),
            )
          : value;
    expect(breakingChanges(valid(), reversed(valid()) as SurveyBody)).toEqual([]);
  });

  it('refuses to change a survey’s anonymity, named or anonymous, once answers exist', () => {
    expect(edit((body) => Object.assign(body, { anonymous: true }))).toEqual(['the survey’s anonymity changed']);
  });

  it('refuses what would invalidate answers, naming each reason', () => {
    expect(
      edit((body) => {
        (body.sections[1] as { questions: unknown[] }).questions.splice(4, 1);
        (questionOf(body, 0, 1).options as unknown[]).splice(0, 1);
        Object.assign(body.sections[1]?.questions[0] as object, { max: 4 });
        Object.assign(body.sections[0]?.questions[2] as object, { maxLength: 50 });
        (body.sections[1]?.questions[1] as Record<string, unknown>).type = 'singleChoice';
        (body.sections[1] as { questions: unknown[] }).questions.push({
          id: 'extra',
          type: 'yesNo',
          text: { en: 'Extra?' },
          required: true,
        } as never);
      }),
    ).toEqual([
      'question how_often: options removed: daily',
      'question why_not: maxLength narrowed',
      'question satisfaction: the scale changed',
      'question priorities changed type',
      'question comments was removed',
      'new question extra is required, which earlier responses have not answered',
    ]);
  });
});
