import { describe, expect, it } from 'vitest';
import { QUEUE_TRIGGERS, QUEUES, visibilityTimeoutSeconds } from '../../../shared/core/queues/queues';

describe('the queue declarations', () => {
  it('give each queue one consumer at most, and each consumer a declared queue', () => {
    const consumed = QUEUE_TRIGGERS.map((trigger) => trigger.queue);
    expect(new Set(consumed).size).toBe(consumed.length);
    for (const queue of consumed) expect(QUEUES[queue]).toBeDefined();
  });

  it.each(QUEUE_TRIGGERS.map((trigger) => [trigger.name, trigger] as const))(
    '%s: batch of 1 to 10 (no batching window), concurrency within Lambda’s 2 to 1000, visibility 6 × its timeout',
    (_, trigger) => {
      expect(trigger.batchSize).toBeGreaterThanOrEqual(1);
      expect(trigger.batchSize).toBeLessThanOrEqual(10);
      expect(trigger.maxConcurrency).toBeGreaterThanOrEqual(2);
      expect(trigger.maxConcurrency).toBeLessThanOrEqual(1000);
      expect(visibilityTimeoutSeconds(trigger)).toBeGreaterThanOrEqual(6 * trigger.timeoutSeconds);
      expect(visibilityTimeoutSeconds(trigger)).toBeLessThanOrEqual(43_200);
    },
  );
});
