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
