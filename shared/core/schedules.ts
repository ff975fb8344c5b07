import type { TableItems } from './db/table-items';
import { IMPORT_JOBS_PREFIX, type ObjectAccess } from './files/buckets';
import type { QueueName } from './queues/queues';

/**
 * Functions that run on a timer, declared once: the CDK stack gives each an EventBridge schedule, the local
 * runner calls the same handler on an interval.
 */
export interface ScheduledTask {
  name: string;
  /** Module under `functions/` that exports `handler`, without extension. */
  handler: string;
  everyMinutes: number;
  table: 'none' | 'read' | 'readWrite';
  /** Which items: what IAM grants it (and the local runner checks). */
  items?: TableItems;
  objects: ObjectAccess;
  /** Queues it sends messages to. */
  sendsTo?: readonly QueueName[];
  timeoutSeconds: number;
  description: string;
}

export const SCHEDULED_TASKS: ScheduledTask[] = [
  {
    name: 'checkStalledImports',
    handler: 'imports/check-stalled',
    everyMinutes: 5,
    table: 'readWrite',
    items: { write: ['import'], indexes: ['import'] },
    // Resumes a stalled import by writing its job object again.
    objects: { write: [IMPORT_JOBS_PREFIX] },
    timeoutSeconds: 60,
    description: 'Resumes (or fails) imports and dry runs that have made no progress for ten minutes',
  },
  {
    name: 'startScheduledCampaigns',
    handler: 'campaigns/start-scheduled',
    everyMinutes: 1,
    table: 'readWrite',
    items: { write: ['campaign'], indexes: ['campaign'] },
    objects: {},
    sendsTo: ['campaignAudience'],
    timeoutSeconds: 60,
    description: 'Starts the campaigns scheduled for now or earlier',
  },
];
