import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { S3Event } from 'aws-lambda';
import { eventObjectKey, putOfObject } from '../../shared/core/files/buckets';
import { logger } from '../../shared/core/observability/logger';
import { importsService } from '../../shared/imports/imports-wiring';

/** Triggered by a file put under drop/<template>/ in the imports bucket (a nightly CRM export, say). */
export const handler = middy<S3Event>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    for (const record of event.Records) {
      const key = eventObjectKey(record.s3.object);
      const contactImport = await importsService().importDropped(key, putOfObject(record.s3.object));
      logger.info('Dropped file taken in', { key, importId: contactImport.id, status: contactImport.status });
    }
  });
