import { parser } from '@aws-lambda-powertools/parser/middleware';
import { S3Schema } from '@aws-lambda-powertools/parser/schemas/s3';
import { eventObjectKey, putOfObject } from '../../shared/core/files/buckets';
import { logger } from '../../shared/core/observability/logger';
import { observed } from '../../shared/core/observability/observed';
import { importsService } from '../../shared/imports/imports-wiring';

/** Triggered by a file put under drop/<template>/ in the imports bucket (a nightly CRM export, say). */
export const handler = observed()
  .use(parser({ schema: S3Schema }))
  .handler(async (event) => {
    for (const record of event.Records) {
      const key = eventObjectKey(record.s3.object);
      const contactImport = await importsService().importDropped(key, putOfObject(record.s3.object));
      logger.info('Dropped file taken in', { key, importId: contactImport.id, status: contactImport.status });
    }
  });
