import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { ContactsRepository } from '../../shared/contacts/contacts-repository';
import { ImportJobRunner } from '../../shared/imports/import-job';
import { ImportTemplatesRepository } from '../../shared/imports/import-templates-repository';
import { ImportsRepository } from '../../shared/imports/imports-repository';
import { ImportsService } from '../../shared/imports/imports-service';

/**
 * Clients for the local stack's own stand-ins (its DynamoDB Local and s3rver), for connected tests that read
 * or write past the API, configured as the stack configures its functions.
 */
const env = () => inject('localEnvironment');
const credentials = () => ({
  accessKeyId: env().AWS_ACCESS_KEY_ID as string,
  secretAccessKey: env().AWS_SECRET_ACCESS_KEY as string,
});

/**
 * Gives this test process the local stack's secrets and credentials, as the stack gives its functions, for
 * code run in-process that signs (cursors, tokens) or reaches Secrets Manager itself.
 */
export function useLocalSecrets() {
  for (const name of ['SIGNING_SECRET_ID', 'EDGE_SECRET_ID', 'AWS_ENDPOINT_URL_SECRETS_MANAGER', 'AWS_REGION'])
    if (env()[name]) process.env[name] = env()[name];
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: env().AWS_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: env().AWS_SECRET_ACCESS_KEY,
  });
}

export const localTableName = () => env().TABLE_NAME as string;
export const localBucket = () => env().IMPORTS_BUCKET as string;

export function localDocumentClient(): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: env().AWS_ENDPOINT_URL_DYNAMODB,
      region: env().AWS_REGION,
      credentials: credentials(),
    }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
}

export function localS3Client(): S3Client {
  return new S3Client({
    endpoint: env().AWS_ENDPOINT_URL_S3,
    region: env().AWS_REGION,
    credentials: credentials(),
    forcePathStyle: true,
    // s3rver corrupts streamed uploads with the SDK's default checksums (see the team's local-stack guide).
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/** The imports service in the test's own process, against the local stack's stand-ins, with `s3` for its S3 calls. */
export function localImportsService(s3: S3Client = localS3Client()): ImportsService {
  const documents = localDocumentClient();
  const imports = new ImportsRepository(documents, localTableName());
  const contacts = new ContactsRepository(documents, localTableName());
  return new ImportsService(
    imports,
    new ImportTemplatesRepository(documents, localTableName()),
    contacts,
    new ImportJobRunner(imports, contacts, s3, { bucket: localBucket(), retentionDays: 30 }),
    s3,
    { bucket: localBucket(), defaultCountry: 'GB' },
  );
}
