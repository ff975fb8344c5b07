import { expect } from 'vitest';

// Time budgets sized for CI: 2 cores that other work shares, where a test can run four or more times
// slower than on a quiet machine. They are ceilings for a test that went wrong, not expected durations.

/** How long a test waits for the local stack to get somewhere (an analysis, an import, a dry run). */
export const STACK_WAIT_MS = 120_000;
/** A test that runs whole imports through the local stack, possibly waiting on it several times. */
export const IMPORT_TEST_MS = 300_000;
/** A CPU-heavy unit test: a property test, or the pipeline over generated files. */
export const CPU_HEAVY_TEST_MS = 60_000;

/**
 * Reads until `done` holds of what was read, and returns that. After `timeoutMs` it fails with what it
 * was waiting for and the last value it read.
 */
export async function eventually<T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = STACK_WAIT_MS,
): Promise<T> {
  let last: T | undefined;
  await expect
    .poll(
      async () => {
        last = await read();
        return last;
      },
      { timeout: timeoutMs, interval: 100, message: `waited ${timeoutMs / 1000} s for ${what}` },
    )
    .toSatisfy(done);
  return last as T;
}
