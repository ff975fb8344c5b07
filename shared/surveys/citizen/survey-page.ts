import type { AnswerIssue, Answers } from '../survey-answers';
import { escapeHtml, inputId } from './html';
import { pageText } from './page-text';
import { renderQuestion } from './question-fields';
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

export function citizenPage(language: string, title: string, body: string): string {
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
  if (input.saved && !survey.answered)
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

  if (survey.answered) {
    parts.push(`<div class="notice" role="status"><p>${escapeHtml(t.answeredAnonymous)}</p></div>`);
    return citizenPage(survey.language, survey.title, parts.join('\n'));
  }
  if (survey.status === 'scheduled') {
    const opens = survey.opensAt ? formatDate(survey.opensAt, survey.language) : '';
    parts.push(`<p>${escapeHtml(t.opens)} ${escapeHtml(opens)}.</p>`);
    return citizenPage(survey.language, survey.title, parts.join('\n'));
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
  return citizenPage(survey.language, title, parts.join('\n'));
}

/** A plain page for a link that leads nowhere (404), has expired (410) or cannot be answered yet. */
export function renderMessagePage(language: string, title: string, message: string): string {
  return citizenPage(language, title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>`);
}

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
