import { describe, expect, it } from 'vitest';
import { suppressedCells } from '../../../shared/surveys/small-cells';

const cells = (entries: Record<string, number>) => new Map(Object.entries(entries));

describe('suppressing small breakdown cells of anonymous surveys', () => {
  it('shows every cell when each holds at least the minimum, and empty cells always', () => {
    expect(suppressedCells(cells({ North: 5, South: 12, East: 0 }), 5)).toEqual(new Set());
  });

  it('hides a small cell with the next smallest, so that the total minus the others does not give it back', () => {
    expect(suppressedCells(cells({ en: 40, cy: 1, fr: 7 }), 5)).toEqual(new Set(['cy', 'fr']));
  });

  it('goes on hiding, smallest first, until the hidden cells hold the minimum between them', () => {
    expect(suppressedCells(cells({ a: 1, b: 1, c: 6, d: 9, e: 30 }), 5)).toEqual(new Set(['a', 'b', 'c']));
    expect(suppressedCells(cells({ a: 2, b: 3, c: 6 }), 5)).toEqual(new Set(['a', 'b']));
  });

  it('hides everything when nothing reaches the minimum', () => {
    expect(suppressedCells(cells({ a: 1, b: 2 }), 5)).toEqual(new Set(['a', 'b']));
    expect(suppressedCells(cells({ only: 3 }), 5)).toEqual(new Set(['only']));
  });

  it('follows the configured minimum', () => {
    expect(suppressedCells(cells({ a: 3, b: 3, c: 40 }), 3)).toEqual(new Set());
    expect(suppressedCells(cells({ a: 3, b: 3, c: 40 }), 10)).toEqual(new Set(['a', 'b', 'c']));
  });
});
