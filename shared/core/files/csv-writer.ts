/**
 * CSV that Voxcitio writes back (error reports, exports, link files). A cell that a spreadsheet would run as
 * a formula (starting with =, +, -, @, tab or carriage return) is written with a leading apostrophe, so
 * opening the file never executes what a citizen or a CRM put in a field. A sign followed only by digits,
 * spaces, dots, dashes and brackets is a phone number or a number, not a formula, and is written as it is:
 * an apostrophe there breaks pasting the numbers into an SMS tool.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const SIGNED_NUMBER = /^[+-][\d\s().-]*\d[\d\s().-]*$/;

/** Whether a spreadsheet could run the text as a formula. */
export const couldBeFormula = (text: string): boolean => FORMULA_START.test(text) && !SIGNED_NUMBER.test(text);

export function csvCell(value: string | number): string {
  let text = String(value);
  // Numbers Voxcitio itself writes (counts, answers checked as numbers) stay numbers; text is neutralised.
  if (typeof value === 'string' && couldBeFormula(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (cells: readonly (string | number)[]) => `${cells.map(csvCell).join(',')}\r\n`;

/** Characters of a rejected row kept for the error report: its stored copy must fit a DynamoDB item (400 KB). */
export const REPORTED_ROW_CHARS = 100_000;

/**
 * A rejected row as the error report keeps it: whole, unless it is longer than REPORTED_ROW_CHARS, when each
 * cell gets an equal share and a longer one is cut with a note of its length. The row's record and line
 * numbers lead back to it whole in the uploaded file.
 */
export function rowForReport(fields: readonly string[]): string[] {
  const length = fields.reduce((sum, field) => sum + field.length, 0);
  if (length <= REPORTED_ROW_CHARS) return [...fields];
  const share = Math.max(20, Math.floor(REPORTED_ROW_CHARS / fields.length));
  return fields.map((field) => (field.length <= share ? field : cutCell(field.slice(0, share), field.length)));
}

/** The start of a value too long to keep, with a note of its whole length. */
export const cutCell = (start: string, length: number) =>
  `${start}… [cut: ${length.toLocaleString('en-GB')} characters]`;
