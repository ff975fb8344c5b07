import { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * Powertools Tracer (X-Ray). The AWS SDK clients are captured (core/db/client.ts, core/files/s3-client.ts), so
 * every DynamoDB and S3 call is a subsegment of its invocation's trace. Outside Lambda the tracer turns itself
 * off (no X-Ray daemon), so the same code runs locally unchanged.
 */
export const tracer = new Tracer({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'voxcitio' });
