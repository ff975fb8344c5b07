/**
 * How often work is tried and how long to pause between tries. Every retry in the code goes through
 * `retrying` with a policy, so none can loop for ever.
 */
export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  /** The pause before try `attempt` (2 and later); none when absent. */
  pause?: (attempt: number) => Promise<unknown>;
}

/**
 * Runs `work` until it returns, trying again after an error that `retryable` accepts, at most
 * `policy.attempts` times in all. Any other error, or the last one, is thrown as it is.
 */
export async function retrying<T>(
  policy: RetryPolicy,
  retryable: (error: unknown) => boolean,
  work: (attempt: number) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    if (attempt > 1) await policy.pause?.(attempt);
    try {
      return await work(attempt);
    } catch (error) {
      if (attempt >= policy.attempts || !retryable(error)) throw error;
    }
  }
}

/** A short random pause growing with each try: for a transaction that met another one. */
export const jitteredPause = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, 20 * (attempt - 1) + Math.random() * 30));

/** A pause doubling with each try from 50 ms up to a second: for work DynamoDB left unprocessed (throttling). */
export const doublingPause = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** (attempt - 2))));

/** Thrown by batch work that DynamoDB left partly unprocessed, so that `retrying` sends the rest again. */
export class UnprocessedItemsError extends Error {
  constructor(readonly count: number) {
    super(`DynamoDB left ${count} items unprocessed after every attempt`);
    this.name = 'UnprocessedItemsError';
  }
}

/** Tries for batch requests whose unprocessed items are sent again: about 10 s of pauses in all. */
export const UNPROCESSED_RETRIES: RetryPolicy = { attempts: 15, pause: doublingPause };

/**
 * Sends `items` in one batch request and then whatever it left unprocessed, under `policy`; fails with
 * UnprocessedItemsError if some are still left.
 */
export async function sendUntilProcessed<T>(
  items: T[],
  send: (items: T[]) => Promise<T[]>,
  policy: RetryPolicy = UNPROCESSED_RETRIES,
): Promise<void> {
  let pending = items;
  await retrying(
    policy,
    (error) => error instanceof UnprocessedItemsError,
    async () => {
      pending = await send(pending);
      if (pending.length > 0) throw new UnprocessedItemsError(pending.length);
    },
  );
}
