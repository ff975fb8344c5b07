import type { Condition, LocalizedText, Question, SurveyDefinition } from './survey-definition';

interface DefinitionProblem {
  path: (string | number)[];
  message: string;
}

/** Rules a schema alone cannot state: ids unique, every text in the default language, conditions on earlier questions. */
export function definitionProblems(survey: SurveyDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const { defaultLanguage, languages } = survey;
  if (!languages.includes(defaultLanguage))
    problems.push({ path: ['defaultLanguage'], message: 'must be one of languages' });
  if (new Set(languages).size !== languages.length) problems.push({ path: ['languages'], message: 'listed twice' });
  const checkText = (text: LocalizedText | undefined, path: (string | number)[]) => {
    if (!text) return;
    if (text[defaultLanguage] === undefined)
      problems.push({ path, message: `needs a text in the default language (${defaultLanguage})` });
    for (const language of Object.keys(text))
      if (!languages.includes(language)) problems.push({ path: [...path, language], message: 'not one of languages' });
  };
  checkText(survey.title, ['title']);
  checkText(survey.description, ['description']);
  if (survey.opensAt && survey.closesAt && Date.parse(survey.closesAt) <= Date.parse(survey.opensAt))
    problems.push({ path: ['closesAt'], message: 'must be after opensAt' });

  const seenSections = new Set<string>();
  const earlier = new Map<string, Question>();
  survey.sections.forEach((section, s) => {
    const sectionPath = ['sections', s];
    if (seenSections.has(section.id))
      problems.push({ path: [...sectionPath, 'id'], message: 'section ids must be unique' });
    seenSections.add(section.id);
    checkText(section.title, [...sectionPath, 'title']);
    checkText(section.description, [...sectionPath, 'description']);
    section.questions.forEach((question, q) => {
      const path = [...sectionPath, 'questions', q];
      if (earlier.has(question.id)) problems.push({ path: [...path, 'id'], message: 'question ids must be unique' });
      checkText(question.text, [...path, 'text']);
      checkText(question.help, [...path, 'help']);
      problems.push(...questionProblems(question, path, checkText));
      if (question.showIf) problems.push(...conditionProblems(question.showIf, earlier, [...path, 'showIf']));
      earlier.set(question.id, question);
    });
  });
  return problems;
}

function questionProblems(
  question: Question,
  path: (string | number)[],
  checkText: (text: LocalizedText | undefined, path: (string | number)[]) => void,
): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const checkOptions = (options: { id: string; label: LocalizedText }[], name: string) => {
    const ids = new Set<string>();
    options.forEach((option, i) => {
      if (ids.has(option.id)) problems.push({ path: [...path, name, i, 'id'], message: 'option ids must be unique' });
      ids.add(option.id);
      checkText(option.label, [...path, name, i, 'label']);
    });
  };
  const checkRange = (min: number | string | undefined, max: number | string | undefined) => {
    if (min !== undefined && max !== undefined && min > max)
      problems.push({ path: [...path, 'max'], message: 'must not be below min' });
  };
  switch (question.type) {
    case 'singleChoice':
    case 'ranking':
      checkOptions(question.options, 'options');
      break;
    case 'multipleChoice':
      checkOptions(question.options, 'options');
      if (question.maxPicks !== undefined && question.maxPicks > question.options.length)
        problems.push({ path: [...path, 'maxPicks'], message: 'more than there are options' });
      if (question.minPicks !== undefined && question.minPicks > (question.maxPicks ?? question.options.length))
        problems.push({ path: [...path, 'minPicks'], message: 'more than maxPicks or the options' });
      break;
    case 'matrix':
      checkOptions(question.rows, 'rows');
      checkOptions(question.columns, 'columns');
      break;
    case 'rating':
      checkText(question.minLabel, [...path, 'minLabel']);
      checkText(question.maxLabel, [...path, 'maxLabel']);
      break;
    case 'number':
    case 'date':
      checkRange(question.min, question.max);
      break;
  }
  return problems;
}

function conditionProblems(
  condition: Condition,
  earlier: Map<string, Question>,
  path: (string | number)[],
): DefinitionProblem[] {
  const source = earlier.get(condition.questionId);
  if (!source) return [{ path: [...path, 'questionId'], message: 'must name an earlier question' }];
  const { operator, value } = condition;
  const fail = (message: string) => [{ path: [...path, 'value'], message }];
  switch (source.type) {
    case 'singleChoice':
    case 'multipleChoice':
      if (!source.options.some((option) => option.id === value)) return fail('not an option id of that question');
      if (source.type === 'singleChoice' && operator === 'contains')
        return [{ path: [...path, 'operator'], message: 'use equals or notEquals for a single choice' }];
      return [];
    case 'yesNo':
      return typeof value === 'boolean' && operator !== 'contains'
        ? []
        : fail('compare a yes/no answer with true or false');
    case 'rating':
    case 'number':
      return typeof value === 'number' && operator !== 'contains'
        ? []
        : fail('compare a number with equals or notEquals');
    case 'text':
    case 'date':
      return typeof value === 'string' ? [] : fail('compare with a text');
    default:
      return [{ path: [...path, 'questionId'], message: `a ${source.type} question cannot be a condition` }];
  }
}
