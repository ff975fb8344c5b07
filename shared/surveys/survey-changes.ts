import { allQuestions, type Question, type SurveyDefinition } from './survey-definition';

/**
 * Why a new definition would invalidate answers already given, empty when it would not. Texts, translations
 * and new optional questions may change; what answers were checked against may not.
 */
export function breakingChanges(current: SurveyDefinition, next: SurveyDefinition): string[] {
  const reasons: string[] = [];
  // Answers were given under one promise (named or anonymous) and are stored by it: they cannot move to the other.
  if ((current.anonymous ?? false) !== (next.anonymous ?? false)) reasons.push('the survey’s anonymity changed');
  const nextQuestions = new Map(allQuestions(next).map((question) => [question.id, question]));
  const currentIds = new Set<string>();
  for (const question of allQuestions(current)) {
    currentIds.add(question.id);
    const changed = nextQuestions.get(question.id);
    if (!changed) {
      reasons.push(`question ${question.id} was removed`);
      continue;
    }
    if (changed.type !== question.type) {
      reasons.push(`question ${question.id} changed type`);
      continue;
    }
    if (changed.required && !question.required) reasons.push(`question ${question.id} became required`);
    if (canonical(changed.showIf) !== canonical(question.showIf))
      reasons.push(`question ${question.id} changed when it is shown`);
    reasons.push(...answerRuleChanges(question, changed).map((reason) => `question ${question.id}: ${reason}`));
  }
  for (const question of nextQuestions.values())
    if (!currentIds.has(question.id) && question.required)
      reasons.push(`new question ${question.id} is required, which earlier responses have not answered`);
  return reasons;
}

/** JSON with object keys sorted: a definition read back from the database has its keys in another order. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_, inner) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  ) ?? '';

const ids = (options: { id: string }[]) => options.map((option) => option.id);
const missing = (before: string[], after: string[]) => before.filter((id) => !after.includes(id));

function answerRuleChanges(before: Question, after: Question): string[] {
  const reasons: string[] = [];
  const keeps = (what: string, a: unknown, b: unknown) => {
    if (canonical(a) !== canonical(b)) reasons.push(`${what} changed`);
  };
  const widens = (what: string, narrowed: boolean) => {
    if (narrowed) reasons.push(`${what} narrowed`);
  };
  if (before.type === 'singleChoice' || before.type === 'multipleChoice') {
    const after_ = after as typeof before;
    const removed = missing(ids(before.options), ids(after_.options));
    if (removed.length > 0) reasons.push(`options removed: ${removed.join(', ')}`);
  }
  if (before.type === 'multipleChoice') {
    const after_ = after as typeof before;
    widens('minPicks', (after_.minPicks ?? 0) > (before.minPicks ?? 0));
    widens('maxPicks', (after_.maxPicks ?? Infinity) < (before.maxPicks ?? Infinity));
  }
  if (before.type === 'ranking')
    keeps('the options ranked', ids(before.options), ids((after as typeof before).options));
  if (before.type === 'matrix') {
    const after_ = after as typeof before;
    keeps('the rows', ids(before.rows), ids(after_.rows));
    const removed = missing(ids(before.columns), ids(after_.columns));
    if (removed.length > 0) reasons.push(`columns removed: ${removed.join(', ')}`);
  }
  if (before.type === 'text') widens('maxLength', (after as typeof before).maxLength < before.maxLength);
  if (before.type === 'rating') {
    const after_ = after as typeof before;
    keeps('the scale', [before.min, before.max], [after_.min, after_.max]);
  }
  if (before.type === 'number' || before.type === 'date') {
    const after_ = after as typeof before;
    widens('min', after_.min !== undefined && (before.min === undefined || after_.min > before.min));
    widens('max', after_.max !== undefined && (before.max === undefined || after_.max < before.max));
    if (before.type === 'number') widens('integer', (after_ as typeof before).integer && !before.integer);
  }
  return reasons;
}
