import { S3Client } from '@aws-sdk/client-s3';
import { tracer } from '../observability/tracer';

/**
 * One S3 client per execution environment. Endpoint, credentials and checksum behaviour come from the
 * environment (the SDK reads AWS_ENDPOINT_URL_S3 and AWS_REQUEST_CHECKSUM_CALCULATION by itself); path-style
 * addressing is configuration too, for S3-compatible endpoints that do not serve bucket sub-domains. Traced:
 * each call is an X-Ray subsegment.
 */
export const s3Client = tracer.captureAWSv3Client(
  new S3Client({ forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true' }),
);
