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
    handler = duringInit(() => import(pathToFileURL(join(FUNCTIONS_DIR, `${modulePath}.ts`)).href)).then(
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
let store: Promise<InvokeStoreBase> | undefined;
/** The declared name of the function an invocation runs, kept in its InvokeStore context. */
const FUNCTION_NAME = Symbol.for('voxcitio.local.functionName');
const FUNCTION_NAME_PREFIX = 'voxcitio-local-';

/** The declared name of the function whose invocation is running here, if any. */
export function runningFunction(): string | undefined {
  const current = (globalThis as { awslambda?: { InvokeStore?: InvokeStoreBase } }).awslambda?.InvokeStore;
  return current?.get(FUNCTION_NAME) as string | undefined;
}

function invokeStore(): Promise<InvokeStoreBase> {
  store ??= InvokeStore.getInstanceAsync(true).then((instance) => {
    // Powertools made the store when it loaded; a single-invocation one would share one context between all.
    if (!('als' in instance))
      throw new Error('The invocation store is not per invocation: import local/concurrent-runtime.ts first');
    return instance;
  });
  return store;
}

/**
 * Loads function code as Lambda's init phase does, in a context of its own: Powertools keeps per-invocation
 * state even for what a module does when it loads (new Metrics() sets its default dimensions).
 */
export async function duringInit<T>(load: () => Promise<T>): Promise<T> {
  return (await invokeStore()).run({}, load);
}

export async function invoke<Result>(
  handler: (event: never, context: Context) => Promise<Result>,
  event: unknown,
  context: Context,
): Promise<Result> {
  const name = context.functionName.replace(FUNCTION_NAME_PREFIX, '');
  return (await invokeStore()).run(
    { [InvokeStoreBase.PROTECTED_KEYS.REQUEST_ID]: context.awsRequestId, [FUNCTION_NAME]: name },
    () => handler(event as never, context),
  );
}

/** A Lambda context for one local invocation. */
export function lambdaContext(name: string, timeoutMs = 29_000): Context {
  const functionName = `${FUNCTION_NAME_PREFIX}${name}`;
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
