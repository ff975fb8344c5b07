import { PutObjectCommand } from '@aws-sdk/client-s3';
import { ContactsRepository } from '../contacts/contacts-repository';
import { runtimeEnv } from '../core/config/runtime-env';
import { documentClient } from '../core/db/client';
import { segmentCountJobKey } from '../core/files/buckets';
import { s3Client } from '../core/files/s3-client';
import { SegmentsRepository } from './segments-repository';
import { SegmentsService } from './segments-service';

let service: SegmentsService | undefined;

/** The segments service of this execution environment, built on first use from the function's environment. */
export function segmentsService(): SegmentsService {
  if (!service) {
    const env = runtimeEnv();
    service = new SegmentsService(
      new SegmentsRepository(documentClient, env.TABLE_NAME),
      new ContactsRepository(documentClient, env.TABLE_NAME),
      async (segmentId, since, part) => {
        await s3Client.send(
          new PutObjectCommand({
            Bucket: env.IMPORTS_BUCKET,
            Key: segmentCountJobKey(segmentId, since, part),
            Body: JSON.stringify({ segmentId, since, part }),
            ContentType: 'application/json',
          }),
        );
      },
    );
  }
  return service;
}
