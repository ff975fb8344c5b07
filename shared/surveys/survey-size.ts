import { type FieldIssue, ValidationError } from '../core/errors';
import type { Survey } from './survey';

/**
 * A survey is one DynamoDB item, and an item holds at most 400 KB. Its JSON is an upper bound of its size in
 * DynamoDB (every name, string and boolean costs DynamoDB no more than JSON writes for it; only a number may
 * take up to 21 bytes), so the JSON is bounded, with room left for what a survey gains later (its public
 * link, its open and close times).
 */
export const SURVEY_ITEM_BYTES = 380_000;
const NUMBER_BYTES = 21;

/** An upper bound of the bytes the survey takes as a DynamoDB item. */
export function storedSurveyBytes(survey: Survey): number {
  let numbers = 0;
  const json = JSON.stringify(survey, (_key, value) => {
    if (typeof value === 'number') numbers += 1;
    return value;
  });
  return Buffer.byteLength(json, 'utf8') + numbers * NUMBER_BYTES;
}

/** A field issue when the survey would not fit its item, else undefined. */
export function surveySizeIssue(survey: Survey): FieldIssue | undefined {
  const bytes = storedSurveyBytes(survey);
  if (bytes <= SURVEY_ITEM_BYTES) return undefined;
  return {
    path: 'body',
    message: `this survey would take ${Math.ceil(bytes / 1024)} KiB stored, more than the ${Math.floor(SURVEY_ITEM_BYTES / 1024)} KiB a survey may: shorten its texts, or split it into several surveys`,
  };
}

/** Refuses a survey too large for its item with a 400 and its field message. */
export function fitsItsItem(survey: Survey): void {
  const issue = surveySizeIssue(survey);
  if (issue) throw new ValidationError([issue]);
}
