import { S3Schema } from '@aws-lambda-powertools/parser/schemas/s3';
import * as z from 'zod';
import { eventObjectKey, putOfObject } from '../../shared/core/files/buckets';
import { logger } from '../../shared/core/observability/logger';
import { observed } from '../../shared/core/observability/observed';
import { importsService } from '../../shared/imports/imports-wiring';

/**
 * What Lambda sends an on-failure destination about an asynchronous invocation that failed every attempt
 * (`RetriesExhausted`) or waited too long to be tried (`EventAgeExceeded`): the original event, and the last
 * error when there was one. The original event is an S3 notification, read with Powertools Parser's S3Schema;
 * Parser has no schema for the destination's envelope itself, so its few fields read here are declared here.
 */
export const failedInvocationSchema = z.object({
  requestContext: z.object({ condition: z.string(), approximateInvokeCount: z.number().int().optional() }),
  requestPayload: S3Schema,
  responsePayload: z.object({ errorType: z.string().optional(), errorMessage: z.string().optional() }).nullish(),
});
export type FailedInvocation = z.infer<typeof failedInvocationSchema>;

/** In words for staff: the last error (a timeout, a killed runtime), else why Lambda gave up. */
export function whyItFailed({ requestContext, responsePayload }: FailedInvocation): string {
  const attempts = requestContext.approximateInvokeCount;
  const tried = attempts === undefined ? '' : `${attempts} attempt${attempts === 1 ? '' : 's'}, `;
  if (responsePayload?.errorMessage) return `${tried}last error: ${responsePayload.errorMessage}`;
  return requestContext.condition === 'EventAgeExceeded' ? 'it waited too long to run' : `${tried}no error returned`;
}

/**
 * Lambda's on-failure destination for the imports bucket's triggers: marks failed the import (or dry run) an
 * event that never succeeded was for, since an invocation killed for time or memory cannot say so itself.
 */
export const handler = observed<unknown>().handler(async (event) => {
  const parsed = failedInvocationSchema.safeParse(event);
  if (!parsed.success) {
    logger.error('Not an on-failure record of a bucket trigger', { issues: parsed.error.issues });
    return;
  }
  const reason = whyItFailed(parsed.data);
  for (const record of parsed.data.requestPayload.Records) {
    const key = eventObjectKey(record.s3.object);
    const outcome = await importsService().recordTriggerFailure(key, reason, putOfObject(record.s3.object));
    // A dropped file whose event made no import yet: the log is where it shows.
    if (outcome === 'unknown') logger.error('A bucket event failed every attempt', { key, reason });
    else logger.warn('A bucket event failed every attempt', { key, reason, outcome });
  }
});
