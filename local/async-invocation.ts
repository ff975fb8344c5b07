import { invoke, type LambdaHandler, lambdaContext } from './handler-loader';

/** Lambda tries an asynchronous invocation once and retries a failure twice (the stack keeps the default). */
export const ASYNC_ATTEMPTS = 3;
/**
 * How long Lambda waits before each retry: about one minute, then about two. The local runner waits as long
 * (`npm start`), so that a dependency that is briefly down has the same time to come back as in AWS; tests
 * shorten it with `--retry-delays`.
 */
export const LAMBDA_RETRY_DELAYS_MS: readonly number[] = [60_000, 120_000];

export interface AsyncFunction {
  name: string;
  handler: LambdaHandler;
  timeoutMs: number;
}

/**
 * Invokes a function as Lambda invokes one asynchronously (as S3 notifications do): up to ASYNC_ATTEMPTS
 * attempts, then the function's on-failure destination gets the invocation record Lambda would send it, with
 * the event and the last error. Returns whether an attempt succeeded.
 */
export async function invokeAsynchronously(
  fn: AsyncFunction,
  event: unknown,
  onFailure: AsyncFunction,
  log: (line: string) => void,
  retryDelaysMs: readonly number[] = LAMBDA_RETRY_DELAYS_MS,
): Promise<boolean> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= ASYNC_ATTEMPTS; attempt++) {
    if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, retryDelaysMs[attempt - 2] ?? 0));
    try {
      await invoke(fn.handler, event, lambdaContext(fn.name, fn.timeoutMs));
      return true;
    } catch (error) {
      lastError = error;
      log(`${fn.name} failed (attempt ${attempt} of ${ASYNC_ATTEMPTS}): ${error}`);
    }
  }
  const context = lambdaContext(fn.name, fn.timeoutMs);
  const record = {
    version: '1.0',
    timestamp: new Date().toISOString(),
    requestContext: {
      requestId: context.awsRequestId,
      functionArn: `${context.invokedFunctionArn}:$LATEST`,
      condition: 'RetriesExhausted',
      approximateInvokeCount: ASYNC_ATTEMPTS,
    },
    requestPayload: event,
    responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
    responsePayload: {
      errorType: lastError instanceof Error ? lastError.name : 'Error',
      errorMessage: lastError instanceof Error ? lastError.message : String(lastError),
    },
  };
  try {
    await invoke(onFailure.handler, record, lambdaContext(onFailure.name, onFailure.timeoutMs));
    log(`${fn.name} gave up after ${ASYNC_ATTEMPTS} attempts -> ${onFailure.name}`);
  } catch (error) {
    log(`${fn.name} gave up after ${ASYNC_ATTEMPTS} attempts, and ${onFailure.name} failed too: ${error}`);
  }
  return false;
}
