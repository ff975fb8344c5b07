import type { AnswerIssue, Answers, AnswerValue } from '../survey-answers';
import { fill, type PageText, pageText } from './page-text';
import type { CitizenQuestion, CitizenSurvey } from './survey-view';

/**
 * The survey as a server-rendered page that works without JavaScript on a cheap phone: one form, real labels,
 * a fieldset per question with several inputs, an error summary linking to each field, and a layout that
 * fits a 360 px screen (WCAG 2.1 AA basics: language set, focus visible, contrast, no colour-only cues).
 */
export interface SurveyPageInput {
  survey: CitizenSurvey;
  /** The form posts here: the link's own path. */
  action: string;
  /** Shown in the fields: the answers just refused, or those already saved. */
  answers?: Record<string, unknown>;
  issues?: AnswerIssue[];
  saved?: boolean;
}

const escapeHtml = (value: unknown) =>
  String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:1.0625rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;background:#fff}
main{max-width:40rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.25rem;margin:1.5rem 0 .5rem}
fieldset{border:0;margin:0 0 1.5rem;padding:0;min-width:0}
fieldset fieldset{margin:.75rem 0 0}
legend,.label{font-weight:600;padding:0;margin-bottom:.25rem;display:block}
.hint{color:#4a4a4a;margin:.125rem 0 .5rem;display:block}
.choice{display:flex;align-items:flex-start;gap:.5rem;margin:.375rem 0;min-height:2.75rem}
.choice input{width:1.5rem;height:1.5rem;margin:.125rem 0 0;flex:none}
input[type=text],input[type=number],input[type=date],textarea,select{font:inherit;width:100%;max-width:100%;padding:.5rem;border:2px solid #1b1b1b;border-radius:0;background:#fff}
input[type=number],input[type=date]{max-width:14rem}
textarea{min-height:7rem}
:focus-visible{outline:3px solid #ffbf47;outline-offset:0;box-shadow:0 0 0 5px #1b1b1b}
.field{margin:0 0 1.5rem}
.error{color:#b3001b;font-weight:600;display:block;margin:.25rem 0}
.invalid{border-left:4px solid #b3001b;padding-left:.75rem}
.visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.summary{border:4px solid #b3001b;padding:1rem;margin:0 0 1.5rem}
.summary a{color:#b3001b;font-weight:600}
.notice{border-left:6px solid #00703c;background:#f3f9f5;padding:.75rem 1rem;margin:0 0 1.5rem}
.rank{display:flex;align-items:center;gap:.75rem;margin:.5rem 0}
.rank select{width:auto;min-width:5.5rem}
button{font:inherit;font-weight:600;color:#fff;background:#00703c;border:0;border-bottom:3px solid #002d18;padding:.75rem 1.25rem;min-height:2.75rem;cursor:pointer;width:100%}
@media (min-width:40rem){button{width:auto}}
nav{margin:0 0 1rem;font-size:.95rem}
nav a{color:#1d4f91;margin-right:.75rem}
a{color:#1d4f91}
`;

function page(language: string, title: string, body: string): string {
  return `<!doctype html>
<html lang="${escapeHtml(language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main id="main">
${body}
</main>
</body>
</html>`;
}

export function renderSurveyPage(input: SurveyPageInput): string {
  const { survey } = input;
  const t = pageText(survey.language);
  const issues = input.issues ?? [];
  const byQuestion = new Map(issues.map((issue) => [issue.questionId, issue.message]));
  const values = (input.answers ?? survey.response?.answers ?? {}) as Answers;
  const questionsById = new Map(survey.sections.flatMap((section) => section.questions).map((q) => [q.id, q]));
  const parts: string[] = [];

  if (survey.languages.length > 1)
    parts.push(
      `<nav aria-label="${escapeHtml(t.language)}">${survey.languages
        .map((language) =>
          language === survey.language
            ? `<span lang="${escapeHtml(language)}" aria-current="true">${escapeHtml(languageName(language))}</span> `
            : `<a href="${escapeHtml(input.action)}?lang=${encodeURIComponent(language)}" hreflang="${escapeHtml(language)}" lang="${escapeHtml(language)}">${escapeHtml(languageName(language))}</a>`,
        )
        .join(' ')}</nav>`,
    );
  if (issues.length > 0)
    parts.push(
      `<div class="summary" role="alert" aria-labelledby="summary-title" tabindex="-1"><h2 id="summary-title">${escapeHtml(t.problem)}</h2><ul>${issues
        .map((issue) => {
          const question = questionsById.get(issue.questionId);
          const text = question ? summaryLine(question.text, issue.message) : issue.message;
          return `<li><a href="#${escapeHtml(firstInputId(question, issue.questionId))}">${escapeHtml(text)}</a></li>`;
        })
        .join('')}</ul></div>`,
    );
  if (input.saved)
    parts.push(
      `<div class="notice" role="status"><p>${escapeHtml(t.thanks)}</p>${survey.editable ? `<p>${escapeHtml(t.editUntil)}</p>` : ''}</div>`,
    );
  parts.push(`<h1>${escapeHtml(survey.title)}</h1>`);
  if (survey.description) parts.push(paragraphs(survey.description));
  if (survey.anonymous) parts.push(`<p class="hint">${escapeHtml(t.anonymous)}</p>`);
  if (survey.closesAt)
    parts.push(
      `<p class="hint">${escapeHtml(t.closes)}: <time datetime="${escapeHtml(survey.closesAt)}">${escapeHtml(formatDate(survey.closesAt, survey.language))}</time></p>`,
    );

  if (survey.status === 'scheduled') {
    const opens = survey.opensAt ? formatDate(survey.opensAt, survey.language) : '';
    parts.push(`<p>${escapeHtml(t.opens)} ${escapeHtml(opens)}.</p>`);
    return page(survey.language, survey.title, parts.join('\n'));
  }

  parts.push(`<form method="post" action="${escapeHtml(input.action)}" novalidate accept-charset="utf-8">`);
  parts.push(`<input type="hidden" name="lang" value="${escapeHtml(survey.language)}">`);
  for (const section of survey.sections) {
    if (section.title) parts.push(`<h2>${escapeHtml(section.title)}</h2>`);
    if (section.description) parts.push(paragraphs(section.description));
    for (const question of section.questions)
      parts.push(renderQuestion(question, values[question.id], byQuestion.get(question.id), t, questionsById));
  }
  parts.push(`<button type="submit">${escapeHtml(survey.response ? t.update : t.submit)}</button>`);
  parts.push('</form>');
  const title = issues.length > 0 ? `${t.errorTitle}: ${survey.title}` : survey.title;
  return page(survey.language, title, parts.join('\n'));
}

/** A plain page for a link that leads nowhere (404), has expired (410) or cannot be answered yet. */
export function renderMessagePage(language: string, title: string, message: string): string {
  return page(language, title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>`);
}

const inputId = (questionId: string, suffix?: string) => `q-${questionId}${suffix ? `-${suffix}` : ''}`;

/**
 * A line of the error summary: the question, then what is wrong. A question that ends in its own punctuation
 * ("How often do you visit?") is followed by the message as a sentence, not by a colon after the question mark.
 */
export function summaryLine(question: string, message: string): string {
  const asked = question.trim();
  if (!/[?!.:…]$/.test(asked)) return `${asked}: ${message}`;
  return `${asked} ${message.charAt(0).toLocaleUpperCase()}${message.slice(1)}`;
}

/** Where an error summary link lands: the question's first input. */
function firstInputId(question: CitizenQuestion | undefined, questionId: string): string {
  if (!question) return 'main';
  switch (question.type) {
    case 'singleChoice':
    case 'multipleChoice':
    case 'ranking':
      return inputId(question.id, question.options?.[0]?.id);
    case 'matrix':
      return inputId(question.id, `${question.rows?.[0]?.id}-${question.columns?.[0]?.id}`);
    case 'rating':
      return inputId(question.id, String(question.min));
    case 'yesNo':
      return inputId(question.id, 'yes');
    default:
      return inputId(questionId);
  }
}

function renderQuestion(
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

const paragraphs = (text: string) =>
  text
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('');

function languageName(language: string): string {
  try {
    return new Intl.DisplayNames([language], { type: 'language' }).of(language) ?? language;
  } catch {
    return language;
  }
}

function formatDate(iso: string, language: string): string {
  try {
    const format = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });
    return `${format.format(new Date(iso))} UTC`;
  } catch {
    return iso;
  }
}
