import { parser } from '@aws-lambda-powertools/parser/middleware';
import { S3Schema } from '@aws-lambda-powertools/parser/schemas/s3';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { eventObjectKey } from '../../shared/core/files/buckets';
import { s3Client } from '../../shared/core/files/s3-client';
import { logger } from '../../shared/core/observability/logger';
import { observed } from '../../shared/core/observability/observed';
import { importJobRunner } from '../../shared/imports/imports-wiring';

const jobSchema = z.union([
  z.object({ importId: z.uuid(), sequence: z.number().int().min(0) }),
  z.object({ importId: z.uuid(), dryRun: z.literal(true) }),
]);

/** Triggered by a job object under jobs/ in the imports bucket: runs the import from its checkpoint, or a dry run. */
export const handler = observed()
  .use(parser({ schema: S3Schema }))
  .handler(async (event, context) => {
    for (const record of event.Records) {
      const key = eventObjectKey(record.s3.object);
      const object = await s3Client.send(new GetObjectCommand({ Bucket: record.s3.bucket.name, Key: key }));
      const job = jobSchema.safeParse(JSON.parse((await object.Body?.transformToString()) ?? 'null'));
      if (!job.success) {
        logger.warn('Ignoring a job object that is not an import job', { key });
        continue;
      }
      const remainingMs = () => context.getRemainingTimeInMillis();
      const result =
        'dryRun' in job.data
          ? await importJobRunner().dryRun(job.data.importId, remainingMs)
          : await importJobRunner().run(job.data.importId, job.data.sequence, remainingMs);
      logger.info('Import job ran', { ...job.data, result });
    }
  });
