/**
 * Statistical disclosure control for anonymous surveys. A breakdown cell (respondents of one ward, one
 * language, ...) holding fewer than the minimum would let someone who knows who answered tie answers to a
 * person, so such cells are hidden. Hiding one cell alone is not enough: the total minus the cells shown gives
 * it back. So cells are hidden, smallest first, until the hidden ones hold at least the minimum between them
 * and are at least two (or there is nothing left to hide).
 */
export const DEFAULT_MINIMUM_CELL = 5;

/** What a hidden value reads as, wherever a breakdown shows values (invitations, exports). */
export const SUPPRESSED = '(suppressed)';

/** The names of the cells to hide, given how many respondents each holds. Empty cells say nothing; they stay. */
export function suppressedCells(counts: ReadonlyMap<string, number>, minimum: number): Set<string> {
  const hidden = new Set<string>();
  let hiddenTotal = 0;
  const byCount = [...counts].filter(([, count]) => count > 0).sort(([, a], [, b]) => a - b);
  for (const [name, count] of byCount) {
    if (count >= minimum) break;
    hidden.add(name);
    hiddenTotal += count;
  }
  if (hidden.size === 0) return hidden;
  for (const [name, count] of byCount) {
    if (hiddenTotal >= minimum && hidden.size >= 2) break;
    if (hidden.has(name)) continue;
    hidden.add(name);
    hiddenTotal += count;
  }
  return hidden;
}
