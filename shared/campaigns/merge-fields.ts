import type { FieldIssue } from '../core/errors';

/**
 * Merge fields in a campaign's texts: `{{firstName}}`, or `{{firstName|there}}` with the text to show when
 * the contact has no first name. Only these names exist; anything else between braces is refused when the
 * campaign is saved, so what staff preview is exactly what is sent (Voxcitio renders every message itself).
 */
export const MERGE_FIELDS = ['firstName', 'lastName', 'ward', 'cityName', 'unsubscribeUrl', 'surveyLink'] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];
export type MergeValues = Partial<Record<MergeField, string>>;

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;
const FIELD = /^\s*([A-Za-z]+)\s*(?:\|([^{}]*))?$/;

/** What is wrong with the merge fields of one text, with `path` as the issues' path. */
export function mergeFieldIssues(text: string, path: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const [placeholder, inner] of text.matchAll(PLACEHOLDER)) {
    const name = FIELD.exec(inner ?? '')?.[1];
    if (!name || !(MERGE_FIELDS as readonly string[]).includes(name))
      issues.push({
        path,
        message: `${placeholder} is not a merge field; the merge fields are ${MERGE_FIELDS.map((field) => `{{${field}}}`).join(', ')}`,
      });
  }
  const unclosed = text.replace(PLACEHOLDER, '').match(/\{\{|\}\}/);
  if (unclosed) issues.push({ path, message: `an unmatched ${unclosed[0]}: merge fields are written {{firstName}}` });
  return issues;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? '');

/** A text with its merge fields filled in; in HTML the values are escaped (a name cannot inject markup). */
export function renderMergeFields(text: string, values: MergeValues, format: 'text' | 'html'): string {
  return text.replace(PLACEHOLDER, (_, inner: string) => {
    const [, name, fallback] = FIELD.exec(inner) ?? [];
    const value = values[name as MergeField] || (fallback ?? '').trim();
    return format === 'html' ? escapeHtml(value) : value;
  });
}

/** Whether a text uses a merge field. */
export const usesMergeField = (text: string, field: MergeField) =>
  [...text.matchAll(PLACEHOLDER)].some(([, inner]) => FIELD.exec(inner ?? '')?.[1] === field);
