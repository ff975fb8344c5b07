import { csvLine } from '../core/files/csv-writer';
import { allQuestions, type Question, type Survey } from './survey';
import type { AnswerValue } from './survey-answers';
import type { StoredResponse } from './surveys-repository';

type Page = { items: StoredResponse[]; nextCursor?: string };

/**
 * All responses as CSV: a row per response, a column per question, or per option where a question takes several
 * (multiple choice: 1 when picked; ranking: the option's position; matrix: the row's column). Cells are
 * neutralised against formulas by csvLine. An anonymous survey's export has no contact column.
 */
export async function responsesCsv(
  survey: Survey,
  readPage: (cursor?: string) => Promise<Page>,
): Promise<{ csv: string; rows: number }> {
  const columns = allQuestions(survey).flatMap(questionColumns);
  const header = [
    'response',
    ...(survey.anonymous ? [] : ['contactId']),
    'via',
    'language',
    'submittedAt',
    'updatedAt',
    ...columns.map((column) => column.name),
  ];
  const parts = [csvLine(header)];
  let rows = 0;
  let cursor: string | undefined;
  do {
    const page = await readPage(cursor);
    for (const response of page.items) {
      parts.push(
        csvLine([
          response.key,
          ...(survey.anonymous ? [] : [response.contactId ?? '']),
          response.via,
          response.language,
          response.submittedAt,
          response.updatedAt,
          ...columns.map((column) => column.cell(response.answers[column.questionId])),
        ]),
      );
      rows++;
    }
    cursor = page.nextCursor;
  } while (cursor);
  return { csv: parts.join(''), rows };
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
