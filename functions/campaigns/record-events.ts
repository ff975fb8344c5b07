import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
// SNS's envelope around each message (the subscription does not use raw delivery), as Powertools reads it.
import { SnsSqsNotificationSchema } from '@aws-lambda-powertools/parser/schemas/sns';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { messageEventsService } from '../../shared/campaigns/campaigns-wiring';
import { sesEventSchema } from '../../shared/campaigns/message-events-service';
import { logger } from '../../shared/core/observability/logger';
import { loggingFailures, observed } from '../../shared/core/observability/observed';

const processor = new BatchProcessor(EventType.SQS);

async function recordEvent(record: SQSRecord) {
  const envelope = SnsSqsNotificationSchema.parse(JSON.parse(record.body));
  const event = sesEventSchema.safeParse(JSON.parse(envelope.Message));
  if (!event.success) {
    logger.warn('Ignoring a message that is not an SES event', { messageId: record.messageId });
    return;
  }
  await messageEventsService().record(event.data);
}

/** Consumes SES's events (configuration set → SNS → this queue): deliveries, bounces and complaints. */
export const handler = observed<SQSEvent, unknown>().handler(async (event, context) =>
  processPartialResponse(event, loggingFailures(recordEvent), processor, { context, throwOnFullBatchFailure: false }),
);
