import '../../../local/concurrent-runtime';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { invoke, lambdaContext } from '../../../local/handler-loader';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('concurrent local invocations', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('log each with its own function name and request id, as separate Lambda functions would', async () => {
    // One logger shared by every handler module in the process, as shared/core/observability/logger.ts is.
    const logger = new Logger({ serviceName: 'voxcitio', logLevel: 'INFO' });
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    // Two handlers of the one shared logger, interleaving: each logs after the other has started.
    const handlerLogging = (message: string, wait: number) =>
      middy(async () => {
        await pause(wait);
        logger.info(message);
      }).use(injectLambdaContext(logger, { resetKeys: true }));
    const slow = lambdaContext('listContacts');
    const fast = lambdaContext('createSurvey');
    await Promise.all([
      invoke(handlerLogging('slow', 40), {}, slow as Context),
      invoke(handlerLogging('fast', 5), {}, fast as Context),
    ]);
    const logged = lines
      .flatMap((chunk) => chunk.split('\n'))
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, string>);
    expect(logged.find((line) => line.message === 'slow')).toMatchObject({
      function_name: slow.functionName,
      function_request_id: slow.awsRequestId,
    });
    expect(logged.find((line) => line.message === 'fast')).toMatchObject({
      function_name: fast.functionName,
      function_request_id: fast.awsRequestId,
    });
  });
});
