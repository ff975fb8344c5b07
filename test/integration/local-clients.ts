import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';

/**
 * Clients for the local stack's own stand-ins (its DynamoDB Local and s3rver), for connected tests that read
 * or write past the API, configured as the stack configures its functions.
 */
const env = () => inject('localEnvironment');
const credentials = () => ({
  accessKeyId: env().AWS_ACCESS_KEY_ID as string,
  secretAccessKey: env().AWS_SECRET_ACCESS_KEY as string,
});

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
