import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InvokeStore, InvokeStoreBase } from '@aws/lambda-invoke-store';
import type { Context } from 'aws-lambda';

// biome-ignore lint/suspicious/noExplicitAny: handlers take the event of their trigger
export type LambdaHandler = (event: any, context: Context) => Promise<any>;

const FUNCTIONS_DIR = join(import.meta.dirname, '..', 'functions');
const loaded = new Map<string, Promise<LambdaHandler>>();

/**
 * The `handler` export of a module under functions/, loaded once, as Lambda keeps a warm module. Given the
 * route that names the module, the handler must be bound to that same route, or loading fails.
 */
export function loadHandler(modulePath: string, route?: { name: string }): Promise<LambdaHandler> {
  let handler = loaded.get(modulePath);
  if (!handler) {
    handler = import(pathToFileURL(join(FUNCTIONS_DIR, `${modulePath}.ts`)).href).then(
      (module: { handler: LambdaHandler & { route?: { name: string } } }) => {
        if (route && module.handler.route?.name !== route.name)
          throw new Error(
            `functions/${modulePath}.ts serves ${module.handler.route?.name ?? 'no route'}, not ${route.name}`,
          );
        return module.handler;
      },
    );
    loaded.set(modulePath, handler);
  }
  return handler;
}

/**
 * One process runs every function here, many invocations at once, as Lambda's multi-concurrency runtime does.
 * Like that runtime, each invocation runs in its own InvokeStore context, which Powertools reads when
 * AWS_LAMBDA_MAX_CONCURRENCY is set: the logger's function name, request id and keys are then the
 * invocation's own, not those of whichever handler ran last.
 */
const LOCAL_MAX_CONCURRENCY = '64';
let store: Promise<InvokeStoreBase> | undefined;

export async function invoke<Result>(
  handler: (event: never, context: Context) => Promise<Result>,
  event: unknown,
  context: Context,
): Promise<Result> {
  process.env.AWS_LAMBDA_MAX_CONCURRENCY ??= LOCAL_MAX_CONCURRENCY;
  store ??= InvokeStore.getInstanceAsync(true);
  return (await store).run({ [InvokeStoreBase.PROTECTED_KEYS.REQUEST_ID]: context.awsRequestId }, () =>
    handler(event as never, context),
  );
}

/** A Lambda context for one local invocation. */
export function lambdaContext(name: string, timeoutMs = 29_000): Context {
  const functionName = `voxcitio-local-${name}`;
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
