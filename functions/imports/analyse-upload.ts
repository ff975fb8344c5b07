import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { S3Event } from 'aws-lambda';
import { NotFoundError } from '../../shared/core/errors';
import { eventObjectKey, importIdFromUploadKey } from '../../shared/core/files/buckets';
import { logger } from '../../shared/core/observability/logger';
import { importsService } from '../../shared/imports/imports-wiring';

/** Triggered by an object created under uploads/ in the imports bucket. */
export const handler = middy<S3Event>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    for (const record of event.Records) {
      const key = eventObjectKey(record.s3.object);
      const importId = importIdFromUploadKey(key);
      if (!importId) {
        logger.warn('Ignoring an upload that does not belong to an import', { key });
        continue;
      }
      try {
        const outcome = await importsService().analyseUpload(importId, key, record.s3.object.size ?? 0);
        logger.info('Upload analysed', { importId, outcome: 'code' in outcome ? outcome.code : 'awaiting_mapping' });
      } catch (error) {
        // An upload for an unknown import, or one already past analysis, is not worth retrying.
        if (error instanceof NotFoundError) logger.warn('Upload not analysed', { importId, reason: error.message });
        else throw error;
      }
    }
  });
