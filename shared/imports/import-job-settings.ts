/** What an import job is configured with, and what a run of one ends as: for the import and dry-run jobs. */
export interface ImportJobOptions {
  bucket: string;
  /** Days the rejected rows kept for the error report live before DynamoDB's TTL deletes them. */
  retentionDays: number;
  /** Records per batch: the unit of progress and of checkpoints. */
  batchRecords?: number;
  /** People written at once (default WRITE_CONCURRENCY). */
  concurrency?: number;
  /** Time left in the invocation under which the job checkpoints and continues in a new one. */
  reserveMs?: number;
  now?: () => Date;
}

/** Requests an import job has in flight at once, by default: writes, or a dry run's look-ups. */
export const WRITE_CONCURRENCY = 8;

/** Invocations of an import job from one checkpoint before the import is failed (Lambda tries an event 3 times). */
export const JOB_ATTEMPTS = 3;

export type JobResult = 'ignored' | 'continued' | 'completed' | 'failed';
