import { defineEntity } from '../core/db/entity';
import type { Segment } from './segment';

/** Segments in the single table (docs/data-model.md), listed by name. */
export const segmentEntity = defineEntity({
  entity: 'segment',
  key: (id: string) => ({ pk: `SEGMENT#${id}`, sk: 'SEGMENT' }),
  identify: (segment: Segment): [string] => [segment.id],
  indexes: {
    byKind: {
      partition: () => 'SEGMENT',
      partitionOf: () => [],
      sortOf: (segment) => `${segment.name.toLowerCase()}#${segment.id}`,
    },
  },
});

/**
 * A segment's count, kept beside it: the last finished count and when it was asked for, and while a count
 * runs in the background, how far it got.
 */
export interface SegmentCount {
  segmentId: string;
  contacts?: number;
  countedAt?: string;
  counting?: CountInProgress;
}

export interface CountInProgress {
  /** When the count was asked for: the count is of the segment as of about then. */
  since: string;
  /** The part of the count that runs next (each part is one invocation). */
  part: number;
  /** Contacts counted by the parts before. */
  partial: number;
  /** When a part last said it was alive. */
  updatedAt: string;
  resumeAfter?: Record<string, unknown>;
}

export const segmentCountEntity = defineEntity({
  entity: 'segmentCount',
  key: (segmentId: string) => ({ pk: `SEGMENT#${segmentId}`, sk: 'COUNT' }),
  identify: (count: SegmentCount): [string] => [count.segmentId],
});
