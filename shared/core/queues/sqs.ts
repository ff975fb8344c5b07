import { ChangeMessageVisibilityCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { tracer } from '../observability/tracer';
import { doublingPause, retrying } from '../retry';

/**
 * One SQS client per execution environment; locally AWS_ENDPOINT_URL_SQS points it at the stand-in. It sends to
 * its endpoint, not to the host a queue URL names: in AWS they are the same, and the stand-in's URLs name a host
 * that does not resolve.
 */
export const sqsClient = tracer.captureAWSv3Client(new SQSClient({ useQueueUrlAsEndpoint: false }));

/** SendMessageBatch takes at most ten messages a call. */
const MESSAGES_PER_CALL = 10;

class UnsentMessagesError extends Error {}

/** Sends messages to a queue, ten to a call, sending again (a bounded number of times) those SQS did not take. */
export async function enqueue(queueUrl: string, bodies: readonly unknown[], client: SQSClient = sqsClient) {
  for (let start = 0; start < bodies.length; start += MESSAGES_PER_CALL) {
    let pending = bodies.slice(start, start + MESSAGES_PER_CALL).map((body, index) => ({
      Id: String(index),
      MessageBody: JSON.stringify(body),
    }));
    await retrying(
      { attempts: 5, pause: doublingPause },
      (error) => error instanceof UnsentMessagesError,
      async () => {
        const { Failed } = await client.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: pending }));
        const failed = new Set((Failed ?? []).map((entry) => entry.Id));
        pending = pending.filter((entry) => failed.has(entry.Id));
        if (pending.length > 0) throw new UnsentMessagesError(`SQS did not take ${pending.length} messages`);
      },
    );
  }
}

/**
 * Makes a received message visible again after `seconds`, instead of after the queue's visibility timeout: a
 * consumer told to slow down (throttled) tries again soon, growing the wait with each receive.
 */
export async function retryAfter(
  queueUrl: string,
  receiptHandle: string,
  seconds: number,
  client: SQSClient = sqsClient,
) {
  await client.send(
    new ChangeMessageVisibilityCommand({
      QueueUrl: queueUrl,
      ReceiptHandle: receiptHandle,
      VisibilityTimeout: Math.max(0, Math.min(43_200, Math.round(seconds))),
    }),
  );
}
