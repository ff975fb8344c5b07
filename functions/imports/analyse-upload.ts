import { parser } from '@aws-lambda-powertools/parser/middleware';
import { S3Schema } from '@aws-lambda-powertools/parser/schemas/s3';
import { NotFoundError } from '../../shared/core/errors';
import { eventObjectKey, importIdFromUploadKey } from '../../shared/core/files/buckets';
import { logger } from '../../shared/core/observability/logger';
import { observed } from '../../shared/core/observability/observed';
import { importsService } from '../../shared/imports/imports-wiring';

/** Triggered by an object created under uploads/ in the imports bucket. */
export const handler = observed()
  .use(parser({ schema: S3Schema }))
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
