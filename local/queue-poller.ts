import { DeleteMessageBatchCommand, type Message, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { invoke, type LambdaHandler, lambdaContext } from './handler-loader';

/** A queue's consumer as Lambda's event source mapping runs it: what the poller needs of the declaration. */
export interface PolledQueue {
  name: string;
  queueUrl: string;
  queueArn: string;
  batchSize: number;
  maxConcurrency: number;
  timeoutMs: number;
  handler: () => Promise<LambdaHandler>;
}

/**
 * Lambda's SQS event source, on one machine: `maxConcurrency` loops each receive up to `batchSize` messages,
 * hand them to the handler as an SQSEvent, and delete what succeeded. As in AWS with ReportBatchItemFailures:
 * the records named in `batchItemFailures` stay (they come back after their visibility timeout), and a handler
 * that throws, runs out of time, or names a record that is not in the batch keeps the whole batch.
 */
export function pollQueue(sqs: SQSClient, queue: PolledQueue, log: (line: string) => void): () => Promise<void> {
  let stopping = false;
  const controller = new AbortController();
  const loop = async () => {
    while (!stopping) {
      let messages: Message[] = [];
      try {
        const received = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queue.queueUrl,
            MaxNumberOfMessages: queue.batchSize,
            WaitTimeSeconds: 1,
            MessageSystemAttributeNames: ['All'],
            MessageAttributeNames: ['All'],
          }),
          { abortSignal: controller.signal },
        );
        messages = received.Messages ?? [];
      } catch (error) {
        if (stopping) return;
        log(`${queue.name}: receive failed: ${error}`);
        await new Promise((resolve) => setTimeout(resolve, 500));
        continue;
      }
      if (messages.length === 0) continue;
      const records = messages.map((message) => sqsRecord(message, queue));
      const kept = await keptRecords(queue, records, log);
      const done = records.filter((record) => !kept.has(record.messageId));
      for (let start = 0; start < done.length; start += 10)
        await sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: queue.queueUrl,
            Entries: done.slice(start, start + 10).map((record, index) => ({
              Id: String(index),
              ReceiptHandle: record.receiptHandle,
            })),
          }),
        );
    }
  };
  const loops = Array.from({ length: queue.maxConcurrency }, loop);
  return async () => {
    stopping = true;
    controller.abort();
    await Promise.allSettled(loops);
  };
}

/** The message ids the event source keeps on the queue after the handler's answer. */
async function keptRecords(queue: PolledQueue, records: SQSRecord[], log: (line: string) => void) {
  const everything = new Set(records.map((record) => record.messageId));
  let timer: NodeJS.Timeout | undefined;
  try {
    const handler = await queue.handler();
    const outOfTime = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${queue.timeoutMs} ms`)), queue.timeoutMs);
    });
    const answer = (await Promise.race([
      invoke(handler, { Records: records } satisfies SQSEvent, lambdaContext(queue.name, queue.timeoutMs)),
      outOfTime,
    ])) as { batchItemFailures?: { itemIdentifier?: string }[] } | undefined;
    const failures = answer?.batchItemFailures ?? [];
    const named = failures.map((failure) => failure.itemIdentifier ?? '');
    if (named.some((id) => !everything.has(id))) {
      log(`${queue.name}: a batch item failure names no record of the batch; the whole batch stays`);
      return everything;
    }
    return new Set(named);
  } catch (error) {
    log(`${queue.name} failed: ${error}`);
    return everything;
  } finally {
    clearTimeout(timer);
  }
}

function sqsRecord(message: Message, queue: PolledQueue): SQSRecord {
  const attributes = (message.Attributes ?? {}) as Record<string, string>;
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    attributes: {
      ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
      SentTimestamp: attributes.SentTimestamp ?? String(Date.now()),
      SenderId: attributes.SenderId ?? '000000000000',
      ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
    },
    messageAttributes: Object.fromEntries(
      Object.entries(message.MessageAttributes ?? {}).map(([key, value]) => [
        key,
        {
          dataType: value.DataType ?? 'String',
          ...(value.StringValue !== undefined && { stringValue: value.StringValue }),
          stringListValues: [],
          binaryListValues: [],
        },
      ]),
    ),
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: queue.queueArn,
    awsRegion: 'us-east-1',
  };
}
