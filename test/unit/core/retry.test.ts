import { describe, expect, it } from 'vitest';
import { retrying, sendUntilProcessed, UNPROCESSED_RETRIES, UnprocessedItemsError } from '../../../shared/core/retry';

class Retryable extends Error {}

describe('retrying', () => {
  it('tries again after a retryable error, pausing before each new try, and returns what the work returned', async () => {
    const pauses: number[] = [];
    const tries: number[] = [];
    const result = await retrying(
      { attempts: 5, pause: async (attempt) => pauses.push(attempt) },
      (error) => error instanceof Retryable,
      async (attempt) => {
        tries.push(attempt);
        if (attempt < 3) throw new Retryable();
        return 'done';
      },
    );
    expect(result).toBe('done');
    expect(tries).toEqual([1, 2, 3]);
    expect(pauses).toEqual([2, 3]);
  });

  it('stops at its number of attempts and throws the last error as it is', async () => {
    let tries = 0;
    const last = new Retryable('third');
    await expect(
      retrying(
        { attempts: 3 },
        () => true,
        async () => {
          tries++;
          throw tries === 3 ? last : new Retryable();
        },
      ),
    ).rejects.toBe(last);
    expect(tries).toBe(3);
  });

  it('throws any other error at once', async () => {
    let tries = 0;
    await expect(
      retrying(
        { attempts: 9 },
        (error) => error instanceof Retryable,
        async () => {
          tries++;
          throw new TypeError('not for retrying');
        },
      ),
    ).rejects.toThrow(TypeError);
    expect(tries).toBe(1);
  });
});

describe('sendUntilProcessed', () => {
  it('sends what was left unprocessed again until nothing is', async () => {
    const sent: string[][] = [];
    await sendUntilProcessed(['a', 'b', 'c'], async (items) => {
      sent.push(items);
      return items.slice(1);
    });
    expect(sent).toEqual([['a', 'b', 'c'], ['b', 'c'], ['c']]);
  });

  it('gives up after a bounded number of tries, saying how many items were left', async () => {
    let sends = 0;
    const failure = await sendUntilProcessed(
      ['a', 'b'],
      async (items) => {
        sends++;
        return items;
      },
      { attempts: UNPROCESSED_RETRIES.attempts },
    ).catch((error) => error);
    expect(failure).toBeInstanceOf(UnprocessedItemsError);
    expect(failure.count).toBe(2);
    expect(sends).toBe(UNPROCESSED_RETRIES.attempts);
  });
});
