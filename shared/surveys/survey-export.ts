import { randomInt } from 'node:crypto';
import { csvLine } from '../core/files/csv-writer';
import { SUPPRESSED, suppressedCells } from './small-cells';
import { allQuestions, type Question, type Survey } from './survey';
import type { AnswerValue } from './survey-answers';
import type { StoredResponse } from './surveys-repository';

type Page = { items: StoredResponse[]; nextCursor?: string };

/**
 * All responses as CSV: a row per response, a column per question, or per option where a question takes several
 * (multiple choice: 1 when picked; ranking: the option's position; matrix: the row's column). Cells are
 * neutralised against formulas by csvLine.
 *
 * An anonymous survey's export carries nothing that ties a row to a link, a contact or a moment: no response
 * key, no contact, no times, rows in random order, and the language of a response only where at least
 * `minimumCell` responses share it (docs/privacy.md).
 */
export async function responsesCsv(
  survey: Survey,
  readPage: (cursor?: string) => Promise<Page>,
  minimumCell: number,
): Promise<{ csv: string; rows: number }> {
  const columns = allQuestions(survey).flatMap(questionColumns);
  const answerCells = (response: StoredResponse) =>
    columns.map((column) => column.cell(response.answers[column.questionId]));
  const responses: StoredResponse[] = [];
  let cursor: string | undefined;
  do {
    const page = await readPage(cursor);
    responses.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);

  const answerHeader = columns.map((column) => column.name);
  if (survey.anonymous) {
    const hidden = suppressedCells(countsOf(responses.map((response) => response.language)), minimumCell);
    const rows = shuffled(responses).map((response) =>
      csvLine([response.via, hidden.has(response.language) ? SUPPRESSED : response.language, ...answerCells(response)]),
    );
    return { csv: [csvLine(['via', 'language', ...answerHeader]), ...rows].join(''), rows: rows.length };
  }
  const header = ['response', 'contactId', 'via', 'language', 'submittedAt', 'updatedAt', ...answerHeader];
  const rows = responses.map((response) =>
    csvLine([
      response.key,
      response.contactId ?? '',
      response.via,
      response.language,
      response.submittedAt,
      response.updatedAt,
      ...answerCells(response),
    ]),
  );
  return { csv: [csvLine(header), ...rows].join(''), rows: rows.length };
}

const countsOf = (values: readonly string[]) => {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
};

/** Fisher–Yates with a cryptographic source, so that the order cannot be replayed to recover the stored one. */
function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = randomInt(index + 1);
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}

interface Column {
  name: string;
  questionId: string;
  cell: (answer: AnswerValue | undefined) => string | number;
}

function questionColumns(question: Question): Column[] {
  const single = (cell: Column['cell']): Column[] => [{ name: question.id, questionId: question.id, cell }];
  const perOption = (ids: string[], cell: (answer: AnswerValue, id: string) => string | number): Column[] =>
    ids.map((id) => ({
      name: `${question.id}.${id}`,
      questionId: question.id,
      cell: (answer) => (answer === undefined ? '' : cell(answer, id)),
    }));
  switch (question.type) {
    case 'multipleChoice':
      return perOption(
        question.options.map((option) => option.id),
        (answer, id) => ((answer as string[]).includes(id) ? 1 : 0),
      );
    case 'ranking':
      return perOption(
        question.options.map((option) => option.id),
        (answer, id) => (answer as string[]).indexOf(id) + 1,
      );
    case 'matrix':
      return perOption(
        question.rows.map((row) => row.id),
        (answer, id) => (answer as Record<string, string>)[id] ?? '',
      );
    case 'yesNo':
      return single((answer) => (answer === undefined ? '' : answer ? 'yes' : 'no'));
    default:
      return single((answer) => (answer === undefined ? '' : (answer as string | number)));
  }
}
