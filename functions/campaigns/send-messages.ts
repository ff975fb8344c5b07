import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { sendChunkSchema } from '../../shared/campaigns/campaign-send-job';
import { campaignSendJob, messagingEnv } from '../../shared/campaigns/campaigns-wiring';
import { logger } from '../../shared/core/observability/logger';
import { loggingFailures, observed } from '../../shared/core/observability/observed';
import { retryAfter } from '../../shared/core/queues/sqs';

const processor = new BatchProcessor(EventType.SQS);

/** SES said to slow down: the chunk comes back after a pause growing with its receives (2, 4, 8 ... 60 s). */
const throttledPauseSeconds = (record: SQSRecord) =>
  Math.min(60, 2 ** Number(record.attributes.ApproximateReceiveCount ?? 1)) + Math.random() * 2;

async function sendChunk(record: SQSRecord) {
  const chunk = sendChunkSchema.parse(JSON.parse(record.body));
  const outcome = await campaignSendJob().sendChunk(chunk);
  if (outcome.done) return;
  await retryAfter(messagingEnv().CAMPAIGN_SENDS_QUEUE_URL, record.receiptHandle, throttledPauseSeconds(record));
  logger.info('SES throttled a chunk; it comes back shortly', { campaignId: chunk.campaignId });
  throw new Error(`The chunk was not sent all through (${outcome.reason})`);
}

/**
 * Consumes the sends queue: one chunk of a campaign's recipients a message. A chunk SES throttled is reported
 * as a batch item failure (ReportBatchItemFailures), not thrown, so the rest of a batch is kept.
 */
export const handler = observed<SQSEvent, unknown>().handler(async (event, context) =>
  processPartialResponse(event, loggingFailures(sendChunk), processor, { context, throwOnFullBatchFailure: false }),
);
