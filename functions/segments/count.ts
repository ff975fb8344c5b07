import { parser } from '@aws-lambda-powertools/parser/middleware';
import { S3Schema } from '@aws-lambda-powertools/parser/schemas/s3';
import { eventObjectKey, parseSegmentCountJobKey } from '../../shared/core/files/buckets';
import { logger } from '../../shared/core/observability/logger';
import { observed } from '../../shared/core/observability/observed';
import { segmentsService } from '../../shared/segments/segments-wiring';

/** What a part leaves itself to save its progress and hand on before Lambda stops it. */
const SAFETY_MS = 30_000;

/** Triggered by a job object under segment-counts/: one part of a segment's background count. */
export const handler = observed()
  .use(parser({ schema: S3Schema }))
  .handler(async (event, context) => {
    for (const record of event.Records) {
      const key = eventObjectKey(record.s3.object);
      const job = parseSegmentCountJobKey(key);
      if (!job) {
        logger.warn('Not a segment count job', { key });
        continue;
      }
      const outcome = await segmentsService().countPart(job, () => context.getRemainingTimeInMillis() < SAFETY_MS);
      logger.info('Segment count part done', { ...job, outcome });
    }
  });
