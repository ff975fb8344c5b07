import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
// SNS's envelope around each message (the subscription does not use raw delivery), as Powertools reads it.
import { SnsSqsNotificationSchema } from '@aws-lambda-powertools/parser/schemas/sns';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { smsRepliesService } from '../../shared/campaigns/campaigns-wiring';
import { smsReplySchema } from '../../shared/campaigns/sms-replies-service';
import { logger } from '../../shared/core/observability/logger';
import { loggingFailures, observed } from '../../shared/core/observability/observed';

const processor = new BatchProcessor(EventType.SQS);

async function recordReply(record: SQSRecord) {
  const envelope = SnsSqsNotificationSchema.parse(JSON.parse(record.body));
  const reply = smsReplySchema.safeParse(JSON.parse(envelope.Message));
  if (!reply.success) {
    logger.warn('Ignoring a message that is not an SMS reply', { messageId: record.messageId });
    return;
  }
  const outcome = await smsRepliesService().record(reply.data);
  if (outcome.optedOut) logger.info('A contact opted out of SMS by reply', { contactId: outcome.optedOut });
}

/** Consumes two-way SMS replies (the number's SNS topic → this queue): STOP withdraws SMS consent. */
export const handler = observed<SQSEvent, unknown>().handler(async (event, context) =>
  processPartialResponse(event, loggingFailures(recordReply), processor, { context, throwOnFullBatchFailure: false }),
);
