/**
 * CSV that Voxcitio writes back (error reports, exports). A cell that a spreadsheet would run as a formula
 * (starting with =, +, -, @, tab or carriage return) is written with a leading apostrophe, so opening the
 * report never executes what a citizen or a CRM put in a field.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number): string {
  let text = String(value);
  // Numbers Voxcitio itself writes (counts, answers checked as numbers) stay numbers; text is neutralised.
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (cells: readonly (string | number)[]) => `${cells.map(csvCell).join(',')}\r\n`;
