import type { CancellationReason } from '@aws-sdk/client-dynamodb';

/** Why each item of a cancelled transaction failed, in the order of its items; undefined for other errors. */
export function cancellationReasons(error: unknown): CancellationReason[] | undefined {
  if ((error as Error).name !== 'TransactionCanceledException') return undefined;
  return (error as { CancellationReasons?: CancellationReason[] }).CancellationReasons ?? [];
}

/** A short random pause before retrying a transaction that met another one, growing with each attempt. */
export const backOff = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 30));
