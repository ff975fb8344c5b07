import type { LocalizedText, SurveyDefinition } from './survey-definition';

/** Which of a survey's languages a citizen sees, and its texts in that language. */
/**
 * The language to show: the first wanted language the survey has (an exact match, else the same base language,
 * so `pt-BR` finds `pt`), else the default.
 */
export function chooseLanguage(
  survey: Pick<SurveyDefinition, 'languages' | 'defaultLanguage'>,
  wanted: readonly string[],
): string {
  for (const language of wanted) {
    const lower = language.toLowerCase();
    const exact = survey.languages.find((candidate) => candidate.toLowerCase() === lower);
    if (exact) return exact;
    const base = lower.split('-')[0];
    const sameBase = survey.languages.find((candidate) => candidate.toLowerCase().split('-')[0] === base);
    if (sameBase) return sameBase;
  }
  return survey.defaultLanguage;
}

/** Languages in `Accept-Language`, most wanted first. */
export function acceptedLanguages(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const quality = params.map((param) => /^\s*q=([0-9.]+)\s*$/.exec(param)?.[1]).find(Boolean);
      return { tag: tag?.trim() ?? '', quality: quality === undefined ? 1 : Number(quality), index };
    })
    .filter((entry) => entry.tag !== '' && entry.tag !== '*' && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index)
    .map((entry) => entry.tag);
}

/** The text in a language, falling back to the default language when that translation is missing. */
export const translate = (text: LocalizedText, language: string, defaultLanguage: string): string =>
  text[language] ?? text[defaultLanguage] ?? Object.values(text)[0] ?? '';
