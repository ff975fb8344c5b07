import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SQSClient } from '@aws-sdk/client-sqs';
import { type FauxqsServer, startFauxqs } from 'fauxqs';
import {
  deadLetterQueueName,
  QUEUE_TRIGGERS,
  QUEUES,
  type QueueName,
  TOPICS,
  type TopicName,
  visibilityTimeoutSeconds,
} from '../../shared/core/queues/queues';
import { freePort } from '../free-port';
import { loadHandler } from '../handler-loader';
import { pollQueue } from '../queue-poller';
import { LOCAL_AWS_ENV } from './dynamodb-local';
import type { StandIn } from './stand-in';

export interface SqsStandInOptions {
  log: (line: string) => void;
  /** Seconds a received message stays hidden, instead of six times its consumer's timeout (tests). */
  visibilityTimeoutSeconds?: number;
}

/** What the local stack keeps of the SQS stand-in: to publish to its topics (the SES stand-in's events). */
export interface RunningQueues {
  publish(topic: TopicName, message: string): void;
  /** Messages waiting (visible or not) in a queue or, with `deadLetters`, in its dead-letter queue. */
  depth(queue: QueueName, deadLetters?: boolean): number;
}

/**
 * fauxqs (SQS and SNS on one port) with the declared queues, their dead-letter queues and redrive policies,
 * and the topics subscribed to queues; the declared queue triggers are polled as Lambda's event sources poll
 * them (queue-poller.ts). Chosen over the other stand-ins tried (docs/local-stack.md): it honours visibility
 * timeouts, receive counts and redrive, and speaks the current SDK's protocol.
 */
export function sqsStandIn(options: SqsStandInOptions, onStarted: (queues: RunningQueues) => void): StandIn {
  return {
    name: 'sqs',
    async start({ dataDir }) {
      const port = await freePort();
      if (dataDir) mkdirSync(join(dataDir, 'sqs'), { recursive: true });
      const server: FauxqsServer = await startFauxqs({
        port,
        // Names the host in queue URLs (sqs.<region>.localhost); the SDK sends to the endpoint below whatever it says.
        host: 'localhost',
        logger: false,
        defaultRegion: LOCAL_AWS_ENV.AWS_REGION,
        ...(dataDir && { dataDir: join(dataDir, 'sqs') }),
      });
      const endpoint = `http://127.0.0.1:${port}`;
      const queueUrls: Record<string, string> = {};
      const queueArns: Record<string, string> = {};
      const topicArns: Record<string, string> = {};
      for (const [name, topic] of Object.entries(TOPICS))
        topicArns[name] = server.createTopic(topic.logicalName).topicArn;
      for (const [name, queue] of Object.entries(QUEUES) as [QueueName, (typeof QUEUES)[QueueName]][]) {
        const trigger = QUEUE_TRIGGERS.find((candidate) => candidate.queue === name);
        const deadLetters = server.createQueue(deadLetterQueueName(name));
        const created = server.createQueue(queue.logicalName, {
          attributes: {
            VisibilityTimeout: String(
              options.visibilityTimeoutSeconds ?? (trigger ? visibilityTimeoutSeconds(trigger) : 30),
            ),
            RedrivePolicy: JSON.stringify({
              deadLetterTargetArn: deadLetters.queueArn,
              maxReceiveCount: queue.maxReceiveCount,
            }),
          },
        });
        queueUrls[name] = created.queueUrl;
        queueArns[name] = created.queueArn;
        if ('topic' in queue) server.subscribe({ topic: TOPICS[queue.topic].logicalName, queue: queue.logicalName });
      }
      const sqs = new SQSClient({
        endpoint,
        region: LOCAL_AWS_ENV.AWS_REGION,
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      });
      const stops = QUEUE_TRIGGERS.map((trigger) =>
        pollQueue(
          sqs,
          {
            name: trigger.name,
            queueUrl: queueUrls[trigger.queue] as string,
            queueArn: queueArns[trigger.queue] as string,
            batchSize: trigger.batchSize,
            maxConcurrency: trigger.maxConcurrency,
            timeoutMs: trigger.timeoutSeconds * 1000,
            handler: () => loadHandler(trigger.handler),
          },
          options.log,
        ),
      );
      onStarted({
        publish: (topic, message) => {
          server.publish(TOPICS[topic].logicalName, message);
        },
        depth: (queue, deadLetters = false) => {
          const inspected = server.inspectQueue(deadLetters ? deadLetterQueueName(queue) : QUEUES[queue].logicalName);
          if (!inspected) return 0;
          const { ready, delayed, inflight } = inspected.messages;
          return ready.length + delayed.length + inflight.length;
        },
      });
      return {
        environment: {
          AWS_ENDPOINT_URL_SQS: endpoint,
          ...Object.fromEntries(
            Object.entries(QUEUES).map(([name, queue]) => [queue.environmentVariable, queueUrls[name] as string]),
          ),
          ...Object.fromEntries(
            Object.entries(TOPICS).map(([name, topic]) => [topic.environmentVariable, topicArns[name] as string]),
          ),
        },
        description: `SQS, SNS (fauxqs) ${endpoint}   queues ${Object.values(QUEUES)
          .map((queue) => queue.logicalName)
          .join(', ')}`,
        stop: async () => {
          await Promise.all(stops.map((stop) => stop()));
          sqs.destroy();
          await server.stop();
        },
      };
    },
  };
}
