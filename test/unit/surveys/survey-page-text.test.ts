import { describe, expect, it } from 'vitest';
import { summaryLine } from '../../../shared/surveys/citizen/survey-page';

describe('a line of the citizen page’s error summary', () => {
  it('puts a colon after a question without punctuation of its own', () => {
    expect(summaryLine('Your postcode', 'an answer is required')).toBe('Your postcode: an answer is required');
  });
  it('follows a question that ends in ? ! . or : with the message as a sentence, never "?:"', () => {
    expect(summaryLine('How often do you visit a park?', 'an answer is required')).toBe(
      'How often do you visit a park? An answer is required',
    );
    expect(summaryLine('Tell us more!', 'at most 500 characters')).toBe('Tell us more! At most 500 characters');
    expect(summaryLine('Pick up to three:', 'choose between 1 and 3')).toBe('Pick up to three: Choose between 1 and 3');
    expect(summaryLine('Pa mor aml?  ', 'mae angen ateb')).toBe('Pa mor aml? Mae angen ateb');
  });
});
