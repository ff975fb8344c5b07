import * as z from 'zod';

/**
 * What DynamoDB can store, checked where values enter (so a request that cannot be stored is a 400 with its
 * field, not a 500 from the table): a number is 0 or of magnitude 1e-130 to below 1e126, with at most 38
 * significant digits (a JavaScript number has at most 17).
 */
export const isStorableNumber = (value: number): boolean =>
  Number.isFinite(value) && (value === 0 || (Math.abs(value) >= 1e-130 && Math.abs(value) < 1e126));

export const storableNumber = z
  .number()
  .refine(isStorableNumber, 'expected a number DynamoDB can store: 0, or of magnitude 1e-130 to below 1e126');

/**
 * A number that is summed into counters (a survey's number answers): small enough, and with few enough
 * decimals, that a sum over a billion of them stays exact within DynamoDB's 38 digits.
 */
export const SUMMABLE = { magnitude: 1e15, decimals: 6 } as const;
export const isSummableNumber = (value: number): boolean =>
  Number.isFinite(value) && Math.abs(value) <= SUMMABLE.magnitude && Number(value.toFixed(SUMMABLE.decimals)) === value;
export const SUMMABLE_MESSAGE = `expected a number from -${SUMMABLE.magnitude.toExponential()} to ${SUMMABLE.magnitude.toExponential()} with at most ${SUMMABLE.decimals} decimal places`;
export const summableNumber = z.number().refine(isSummableNumber, SUMMABLE_MESSAGE);
