import * as z from 'zod';
import { isSummableNumber, SUMMABLE_MESSAGE } from '../core/storable-values';
import { allQuestions, type Condition, DATE_WINDOW, type Question, type SurveyDefinition } from './survey';

/** One question's answer, by type: an option id, option ids, text, number, yes/no, date, ranking or matrix. */
export type AnswerValue = string | string[] | number | boolean | Record<string, string>;

/** The shape of one answer, by question type: what the citizen API takes and the OpenAPI document shows. */
export const answerValueSchema = z
  .union(
    [
      z.string().describe('singleChoice: the option id; text: the answer; date: YYYY-MM-DD'),
      z
        .array(z.string())
        .describe('multipleChoice: the option ids picked; ranking: every option id, first choice first'),
      z.number().describe('rating: the value picked; number: the number'),
      z.boolean().describe('yesNo: true for yes, false for no'),
      z.record(z.string(), z.string()).describe('matrix: each row id answered, with the column id chosen for it'),
    ],
    {
      error:
        'expected an answer of the question’s shape: an option id or text, option ids, a number, true or false, or rows to columns',
    },
  )
  .describe('One question’s answer; its shape follows the question’s type');

/** Answers keyed by question id, as a citizen sends them. */
export const answersSchema = z
  .record(z.string(), answerValueSchema)
  .describe('Answers keyed by question id; a question left out is unanswered')
  .meta({
    examples: [
      {
        visits: true,
        how_often: 'weekly',
        activities: ['walk', 'play'],
        satisfaction: 4,
        priorities: ['lighting', 'toilets', 'paths'],
        facilities: { paths: 'good', toilets: 'poor' },
        last_visit: '2026-10-03',
        comments: 'More bins, please.',
      },
    ],
  });
export type Answers = Record<string, AnswerValue>;

export interface AnswerIssue {
  questionId: string;
  message: string;
}

export type AnswersOutcome = { ok: true; answers: Answers } | { ok: false; issues: AnswerIssue[] };

/**
 * Checks a submission against the survey: every answer has its question's type, ids, range and length; every
 * shown required question is answered; and no question hidden by its condition carries an answer. Blank values
 * (empty text, no picks, empty matrix) count as unanswered. Returns the answers normalised (texts trimmed).
 */
export function checkAnswers(survey: SurveyDefinition, submitted: unknown): AnswersOutcome {
  if (typeof submitted !== 'object' || submitted === null || Array.isArray(submitted))
    return { ok: false, issues: [{ questionId: '', message: 'answers must be an object keyed by question id' }] };
  const raw = submitted as Record<string, unknown>;
  const questions = allQuestions(survey);
  const known = new Set(questions.map((question) => question.id));
  const issues: AnswerIssue[] = Object.keys(raw)
    .filter((id) => !known.has(id))
    .map((questionId) => ({ questionId, message: 'no such question in this survey' }));

  const answers: Answers = {};
  const shown = new Set<string>();
  // A question whose condition reads a refused answer is judged on its own value only: one message, not a cascade.
  const refused = new Set<string>();
  for (const question of questions) {
    const value = raw[question.id];
    const undecided = question.showIf !== undefined && refused.has(question.showIf.questionId);
    const visible = !question.showIf || undecided || conditionHolds(question.showIf, shown, answers);
    if (isBlank(value)) {
      if (visible && question.required && !undecided)
        issues.push({ questionId: question.id, message: 'an answer is required' });
      if (visible) shown.add(question.id);
      continue;
    }
    if (!visible) {
      issues.push({ questionId: question.id, message: 'not asked for your earlier answers: leave it unanswered' });
      continue;
    }
    shown.add(question.id);
    const checked = checkAnswer(question, value);
    if (typeof checked === 'string') {
      issues.push({ questionId: question.id, message: checked });
      refused.add(question.id);
    } else answers[question.id] = checked.value;
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, answers };
}

/** Whether a question with this condition is shown, given the earlier questions shown and answered. */
export function conditionHolds(condition: Condition, shown: ReadonlySet<string>, answers: Answers): boolean {
  if (!shown.has(condition.questionId)) return false;
  const answer = answers[condition.questionId];
  if (answer === undefined) return false;
  const { operator, value } = condition;
  if (Array.isArray(answer)) {
    if (operator === 'contains') return answer.includes(String(value));
    const exactly = answer.length === 1 && answer[0] === value;
    return operator === 'equals' ? exactly : !exactly;
  }
  if (typeof answer === 'string' && typeof value === 'string') {
    const [a, b] = [answer.trim().toLowerCase(), value.trim().toLowerCase()];
    if (operator === 'contains') return a.includes(b);
    return operator === 'equals' ? a === b : a !== b;
  }
  if (operator === 'contains') return false;
  return operator === 'equals' ? answer === value : answer !== value;
}

const isBlank = (value: unknown): boolean =>
  value === undefined ||
  value === null ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0);

type Checked = { value: AnswerValue } | string;

const optionIds = (options: { id: string }[]) => new Set(options.map((option) => option.id));

function checkAnswer(question: Question, value: unknown): Checked {
  switch (question.type) {
    case 'singleChoice':
      if (typeof value !== 'string') return 'expected one option id';
      return optionIds(question.options).has(value) ? { value } : `not an option of this question: ${value}`;
    case 'multipleChoice': {
      if (!Array.isArray(value) || !value.every((pick) => typeof pick === 'string'))
        return 'expected a list of option ids';
      const valid = optionIds(question.options);
      const unknown = value.filter((pick) => !valid.has(pick));
      if (unknown.length > 0) return `not options of this question: ${unknown.join(', ')}`;
      if (new Set(value).size !== value.length) return 'an option is picked twice';
      if (question.minPicks !== undefined && value.length < question.minPicks)
        return `pick at least ${question.minPicks}`;
      if (question.maxPicks !== undefined && value.length > question.maxPicks)
        return `pick at most ${question.maxPicks}`;
      return { value };
    }
    case 'text': {
      if (typeof value !== 'string') return 'expected text';
      const text = value.trim();
      const length = [...text].length;
      return length > question.maxLength
        ? `at most ${question.maxLength} characters (this has ${length})`
        : { value: text };
    }
    case 'rating':
      if (typeof value !== 'number' || !Number.isInteger(value)) return 'expected a whole number';
      return value < question.min || value > question.max ? `expected ${question.min} to ${question.max}` : { value };
    case 'yesNo':
      return typeof value === 'boolean' ? { value } : 'expected yes (true) or no (false)';
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'expected a number';
      if (!isSummableNumber(value)) return SUMMABLE_MESSAGE;
      if (question.integer && !Number.isInteger(value)) return 'expected a whole number';
      if (question.min !== undefined && value < question.min) return `expected at least ${question.min}`;
      if (question.max !== undefined && value > question.max) return `expected at most ${question.max}`;
      return { value };
    case 'date':
      if (typeof value !== 'string' || !isCalendarDate(value)) return 'expected a date as YYYY-MM-DD';
      if (value < (question.min ?? DATE_WINDOW.min)) return `expected ${question.min ?? DATE_WINDOW.min} or later`;
      if (value > (question.max ?? DATE_WINDOW.max)) return `expected ${question.max ?? DATE_WINDOW.max} or earlier`;
      return { value };
    case 'ranking': {
      if (!Array.isArray(value) || !value.every((id) => typeof id === 'string'))
        return 'expected the option ids in order';
      const valid = optionIds(question.options);
      const complete = value.length === valid.size && new Set(value).size === value.length;
      return complete && value.every((id) => valid.has(id)) ? { value } : 'rank every option exactly once';
    }
    case 'matrix': {
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        return 'expected an object of row id to column id';
      const rows = optionIds(question.rows);
      const columns = optionIds(question.columns);
      const entries = Object.entries(value as Record<string, unknown>);
      for (const [row, column] of entries) {
        if (!rows.has(row)) return `not a row of this question: ${row}`;
        if (typeof column !== 'string' || !columns.has(column)) return `row ${row}: not a column of this question`;
      }
      if (question.required && entries.length < rows.size) return 'answer every row';
      return { value: value as Record<string, string> };
    }
  }
}

function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/**
 * Turns the fields of an HTML form into answers of the right types, so the same check applies to both. Field
 * names: `q.<id>` (checkboxes repeat it), `q.<id>.<row>` for a matrix row, `q.<id>.<option>` holding a
 * ranking position. Values that do not parse are kept as text and refused by the check with a clear message.
 */
export function answersFromForm(survey: SurveyDefinition, fields: ReadonlyMap<string, string[]>): Answers {
  const answers: Answers = {};
  const first = (name: string) => fields.get(name)?.find((value) => value.trim() !== '');
  for (const question of allQuestions(survey)) {
    const name = `q.${question.id}`;
    switch (question.type) {
      case 'multipleChoice': {
        const picks = (fields.get(name) ?? []).filter(Boolean);
        if (picks.length > 0) answers[question.id] = picks;
        break;
      }
      case 'rating':
      case 'number': {
        const text = first(name);
        if (text !== undefined) answers[question.id] = /^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : text;
        break;
      }
      case 'yesNo': {
        const text = first(name);
        if (text !== undefined) answers[question.id] = text === 'yes' ? true : text === 'no' ? false : text;
        break;
      }
      case 'matrix': {
        const grid: Record<string, string> = {};
        for (const row of question.rows) {
          const column = first(`${name}.${row.id}`);
          if (column !== undefined) grid[row.id] = column;
        }
        if (Object.keys(grid).length > 0) answers[question.id] = grid;
        break;
      }
      case 'ranking': {
        const positions = question.options.map((option) => ({
          id: option.id,
          position: first(`${name}.${option.id}`),
        }));
        if (positions.some((entry) => entry.position !== undefined)) {
          const complete = positions.every((entry) => entry.position !== undefined);
          const ordered = [...positions]
            .sort((a, b) => Number(a.position) - Number(b.position))
            .map((entry) => entry.id);
          const distinct = new Set(positions.map((entry) => entry.position)).size === positions.length;
          // An incomplete or tied ranking is handed on as such, so the check refuses it.
          answers[question.id] = complete && distinct ? ordered : ordered.slice(0, 1);
        }
        break;
      }
      default: {
        const text = first(name);
        if (text !== undefined) answers[question.id] = text;
      }
    }
  }
  return answers;
}
