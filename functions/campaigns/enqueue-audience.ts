import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { AudiencePageEarlyError, audiencePageSchema } from '../../shared/campaigns/campaign-audience-job';
import { campaignAudienceJob, messagingEnv } from '../../shared/campaigns/campaigns-wiring';
import { loggingFailures, observed } from '../../shared/core/observability/observed';
import { retryAfter } from '../../shared/core/queues/sqs';

const processor = new BatchProcessor(EventType.SQS);

async function enqueuePage(record: SQSRecord) {
  try {
    await campaignAudienceJob().enqueuePage(audiencePageSchema.parse(JSON.parse(record.body)));
  } catch (error) {
    // The page before is still being enqueued: look again in a second, not after the full visibility timeout.
    if (error instanceof AudiencePageEarlyError)
      await retryAfter(messagingEnv().CAMPAIGN_AUDIENCE_QUEUE_URL, record.receiptHandle, 1);
    throw error;
  }
}

/** Consumes the audience queue: each message is one page of a campaign's audience to enqueue as chunks. */
export const handler = observed<SQSEvent, unknown>().handler(async (event, context) =>
  processPartialResponse(event, loggingFailures(enqueuePage), processor, { context, throwOnFullBatchFailure: false }),
);
