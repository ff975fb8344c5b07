import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
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
