import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import { logger } from './logger';
import { publishRecordedMetrics } from './metrics';
import { tracer } from './tracer';

/** Writes out the invocation's metrics whether it succeeded or failed. */
export const metricsPublisher = <Event, Result>(): MiddlewareObj<Event, Result> => ({
  after: async () => publishRecordedMetrics(),
  onError: async () => publishRecordedMetrics(),
});

/**
 * The start of every function that is not an HTTP route (bucket triggers, the failure destination): the
 * Powertools logger with the invocation's context, its trace, and its metrics written out at the end.
 */
export const observed = <Event, Result = void>() =>
  middy<Event, Result, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(captureLambdaHandler(tracer))
    .use(metricsPublisher<Event, Result>());

/**
 * A queue record's handler that logs why a record failed before the batch processor reports it as a batch item
 * failure (Powertools keeps the error to itself).
 */
export const loggingFailures =
  <Record extends { messageId: string }>(handle: (record: Record) => Promise<void>) =>
  async (record: Record) => {
    try {
      await handle(record);
    } catch (error) {
      logger.warn('A queue message failed; it comes back later', { messageId: record.messageId, error });
      throw error;
    }
  };
