import type { AnswerValue } from '../survey-answers';
import { escapeHtml, inputId } from './html';
import { fill, type PageText } from './page-text';
import type { CitizenQuestion } from './survey-view';

/** Each question's fields on the citizen's page: the inputs of its type, its help, its error and its condition. */
export function renderQuestion(
  question: CitizenQuestion,
  value: AnswerValue | undefined,
  error: string | undefined,
  t: PageText,
  questions: Map<string, CitizenQuestion>,
): string {
  const name = `q.${question.id}`;
  const hintId = `${inputId(question.id)}-hint`;
  const errorId = `${inputId(question.id)}-error`;
  const hints: string[] = [];
  if (question.help) hints.push(question.help);
  if (question.showIf) {
    const source = questions.get(question.showIf.questionId);
    const shown = showIfValue(source, question.showIf.value, t);
    hints.push(
      fill(t.onlyIf, {
        question: source?.text ?? question.showIf.questionId,
        operator: t[question.showIf.operator as 'equals' | 'notEquals' | 'contains'] ?? question.showIf.operator,
        value: shown,
      }),
    );
  }
  if (question.type === 'multipleChoice' && (question.minPicks || question.maxPicks))
    hints.push(fill(t.picks, { min: question.minPicks ?? 0, max: question.maxPicks ?? question.options?.length }));
  if (question.type === 'text') hints.push(fill(t.characters, { max: question.maxLength }));
  if (question.type === 'number' && question.min !== undefined && question.max !== undefined)
    hints.push(fill(t.range, { min: question.min, max: question.max }));
  if (question.type === 'date') hints.push(t.dateFormat);
  if (question.type === 'ranking') hints.push(t.rankHint);
  const describedBy = [hints.length > 0 ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ');
  const describe = describedBy ? ` aria-describedby="${describedBy}"` : '';
  const aria = `${describe}${error ? ' aria-invalid="true"' : ''}`;
  const heading = `${escapeHtml(question.text)} <span class="hint" style="display:inline;font-weight:400">(${escapeHtml(question.required ? t.required : t.optional)})</span>`;
  const hintHtml =
    hints.length > 0 ? `<span class="hint" id="${hintId}">${hints.map(escapeHtml).join(' ')}</span>` : '';
  const errorHtml = error
    ? `<span class="error" id="${errorId}"><span class="visually-hidden">${escapeHtml(t.errorTitle)}: </span>${escapeHtml(error)}</span>`
    : '';
  const wrap = (inner: string) =>
    `<fieldset class="${error ? 'invalid' : ''}"${describe}><legend>${heading}</legend>${hintHtml}${errorHtml}${inner}</fieldset>`;
  const choice = (
    type: 'radio' | 'checkbox',
    fieldName: string,
    id: string,
    optionValue: string,
    label: string,
    checked: boolean,
  ) =>
    `<div class="choice"><input type="${type}" id="${escapeHtml(id)}" name="${escapeHtml(fieldName)}" value="${escapeHtml(optionValue)}"${checked ? ' checked' : ''}><label for="${escapeHtml(id)}">${escapeHtml(label)}</label></div>`;

  switch (question.type) {
    case 'singleChoice':
      return wrap(
        (question.options ?? [])
          .map((option) =>
            choice('radio', name, inputId(question.id, option.id), option.id, option.label, value === option.id),
          )
          .join(''),
      );
    case 'multipleChoice': {
      const picked = Array.isArray(value) ? value : [];
      return wrap(
        (question.options ?? [])
          .map((option) =>
            choice(
              'checkbox',
              name,
              inputId(question.id, option.id),
              option.id,
              option.label,
              picked.includes(option.id),
            ),
          )
          .join(''),
      );
    }
    case 'yesNo':
      return wrap(
        choice('radio', name, inputId(question.id, 'yes'), 'yes', t.yes, value === true) +
          choice('radio', name, inputId(question.id, 'no'), 'no', t.no, value === false),
      );
    case 'rating': {
      const min = Number(question.min);
      const max = Number(question.max);
      const items: string[] = [];
      for (let n = min; n <= max; n++) {
        const end = n === min ? question.minLabel : n === max ? question.maxLabel : undefined;
        items.push(
          choice(
            'radio',
            name,
            inputId(question.id, String(n)),
            String(n),
            end ? `${n} – ${end}` : String(n),
            value === n,
          ),
        );
      }
      return wrap(items.join(''));
    }
    case 'ranking': {
      const order = Array.isArray(value) ? (value as string[]) : [];
      const size = question.options?.length ?? 0;
      return wrap(
        (question.options ?? [])
          .map((option) => {
            const id = inputId(question.id, option.id);
            const current = order.indexOf(option.id) + 1;
            const positions = Array.from({ length: size }, (_, index) => index + 1)
              .map(
                (position) =>
                  `<option value="${position}"${current === position ? ' selected' : ''}>${position}</option>`,
              )
              .join('');
            return `<div class="rank"><select id="${escapeHtml(id)}" name="${escapeHtml(`${name}.${option.id}`)}"><option value="">${escapeHtml(t.choose)}</option>${positions}</select><label for="${escapeHtml(id)}">${escapeHtml(option.label)}</label></div>`;
          })
          .join(''),
      );
    }
    case 'matrix': {
      const grid = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, string>) : {};
      return wrap(
        (question.rows ?? [])
          .map(
            (row) =>
              `<fieldset><legend>${escapeHtml(row.label)}</legend>${(question.columns ?? [])
                .map((column) =>
                  choice(
                    'radio',
                    `${name}.${row.id}`,
                    inputId(question.id, `${row.id}-${column.id}`),
                    column.id,
                    column.label,
                    grid[row.id] === column.id,
                  ),
                )
                .join('')}</fieldset>`,
          )
          .join(''),
      );
    }
    default: {
      const id = inputId(question.id);
      const shown = value === undefined ? '' : String(value);
      const control =
        question.type === 'text' && question.multiline
          ? `<textarea id="${id}" name="${escapeHtml(name)}" maxlength="${question.maxLength}" rows="5"${aria}>${escapeHtml(shown)}</textarea>`
          : question.type === 'text'
            ? `<input type="text" id="${id}" name="${escapeHtml(name)}" maxlength="${question.maxLength}" value="${escapeHtml(shown)}"${aria}>`
            : question.type === 'number'
              ? `<input type="number" id="${id}" name="${escapeHtml(name)}" inputmode="${question.integer ? 'numeric' : 'decimal'}"${question.integer ? ' step="1"' : ' step="any"'}${question.min !== undefined ? ` min="${escapeHtml(question.min)}"` : ''}${question.max !== undefined ? ` max="${escapeHtml(question.max)}"` : ''} value="${escapeHtml(shown)}"${aria}>`
              : `<input type="date" id="${id}" name="${escapeHtml(name)}"${question.min !== undefined ? ` min="${escapeHtml(question.min)}"` : ''}${question.max !== undefined ? ` max="${escapeHtml(question.max)}"` : ''} value="${escapeHtml(shown)}"${aria}>`;
      return `<div class="field${error ? ' invalid' : ''}"><label class="label" for="${id}">${heading}</label>${hintHtml}${errorHtml}${control}</div>`;
    }
  }
}

function showIfValue(source: CitizenQuestion | undefined, value: string | number | boolean, t: PageText): string {
  if (typeof value === 'boolean') return value ? t.yes : t.no;
  const option = source?.options?.find((candidate) => candidate.id === value);
  return option ? option.label : String(value);
}
