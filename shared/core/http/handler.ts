import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import type * as z from 'zod';
import { ApiError, isOutage, ServiceUnavailableError } from '../errors';
import { logger } from '../observability/logger';
import { METRIC, recordWith } from '../observability/metrics';
import { metricsPublisher } from '../observability/observed';
import { tracer } from '../observability/tracer';
import type { RouteDefinition } from '../routes/route';
import { admitCaller, type Caller } from './auth';
import { admitThroughEdge } from './edge';
import { parseRequest } from './request';
import { type HttpResult, toApiGatewayResult } from './response';

type Event = APIGatewayProxyEventV2WithJWTAuthorizer;
/** The parsed type of an optional schema slot; a route without that schema gets `Otherwise`. */
type Infer<T, Otherwise = undefined> = [NonNullable<T>] extends [never]
  ? Otherwise
  : NonNullable<T> extends z.ZodType
    ? z.output<NonNullable<T>>
    : Otherwise;

export interface HttpRequest<R extends RouteDefinition> {
  body: Infer<R['request']['body']>;
  query: Infer<R['request']['query'], Record<string, never>>;
  params: Infer<R['request']['params']>;
  /** The admitted staff caller; undefined on public routes. */
  caller: R['access'] extends { kind: 'staff' } ? Caller : undefined;
  event: Event;
  /** The invocation's context, for work that must stop before the function's time runs out. */
  context: Context;
}

/** What a handler returns for one declared status: the body its schema describes, or none without a schema. */
type ResultFor<Status extends number, Response> = Response extends { schema: infer Schema extends z.ZodType }
  ? { status: Status; body: z.input<Schema>; headers?: Record<string, string>; cookies?: string[] }
  : { status: Status; body?: undefined; headers?: Record<string, string>; cookies?: string[] };

/** A rendered page: HTML with its content type, at any status (only routes that declare `pages`). */
export interface HtmlPage extends HttpResult {
  body: string;
  headers: Record<string, string> & { 'content-type': string };
}

/**
 * The results a route's handler may return, typed from the route's declared responses: a status it does
 * not declare, or a body its schema does not describe, does not compile. Errors are thrown (ApiError).
 */
export type RouteResult<R extends RouteDefinition> =
  | { [Status in keyof R['responses'] & number]: ResultFor<Status, R['responses'][Status]> }[keyof R['responses'] &
      number]
  | (NonNullable<R['pages']> extends true ? HtmlPage : never);

interface HandlerState {
  request?: HttpRequest<RouteDefinition>;
}

/**
 * Maps typed errors to their HTTP answer, and an outage of the table or the bucket to 503 with Retry-After.
 * Anything else is logged (without the request, which holds personal data) and answered with a bare 500
 * that carries only the request id.
 */
const errorResponses = (route: RouteDefinition): MiddlewareObj<Event, APIGatewayProxyResultV2> => ({
  onError: async (request) => {
    // An outage is answered as the typed error it stands for: 503 with Retry-After.
    const outage = isOutage(request.error);
    if (outage) logger.warn('A service the request needs is unavailable', request.error as Error);
    const error = outage ? new ServiceUnavailableError() : request.error;
    const byRoute = { name: 'route', value: route.name };
    if (error instanceof ApiError) {
      recordWith(byRoute, error.status >= 500 ? METRIC.serverErrors : METRIC.clientErrors);
      request.response = toApiGatewayResult({ status: error.status, body: error.toBody(), headers: error.headers });
      return;
    }
    recordWith(byRoute, METRIC.serverErrors);
    logger.error('Unhandled error', error as Error);
    request.response = toApiGatewayResult({
      status: 500,
      body: { error: { code: 'internal', message: 'Something went wrong.', requestId: request.context.awsRequestId } },
    });
  },
});

/** Admits requests that came through the edge when the route is limited per client, and the caller the route allows (401/403), then reads the request against the route's schemas (400/413/415). */
const routeInput = <R extends RouteDefinition>(
  route: R,
  state: WeakMap<Context, HandlerState>,
): MiddlewareObj<Event, APIGatewayProxyResultV2> => ({
  before: async ({ event, context }) => {
    if (route.limitedPerClient) await admitThroughEdge(event.headers);
    const caller = admitCaller(route.access, event.requestContext.authorizer?.jwt?.claims);
    const { body, query, params } = parseRequest(route, event);
    state.set(context, { request: { body, query, params, caller, event, context } as HttpRequest<RouteDefinition> });
  },
});

/**
 * The one way to write an HTTP handler: the route declaration supplies access rules and schemas; the
 * function gets a parsed, authorised request and returns one of the route's declared responses.
 * Curried, `httpHandler(route)(handle)`, so the route's type is fixed before `handle` is checked: a status
 * the route does not declare, or a body its schema does not describe, is then a compile error.
 */
export function httpHandler<R extends RouteDefinition>(route: R) {
  return (handle: (request: HttpRequest<R>) => Promise<RouteResult<R>>) => {
    const state = new WeakMap<Context, HandlerState>();
    const handler = middy<Event, APIGatewayProxyResultV2>()
      .use(
        injectLambdaContext(logger, {
          correlationIdPath: 'headers."x-correlation-id" || requestContext.requestId',
          resetKeys: true,
        }),
      )
      .use(captureLambdaHandler(tracer, { captureResponse: false }))
      .use(metricsPublisher())
      .use(errorResponses(route))
      .use(routeInput(route, state))
      .handler(async (_event, context) => {
        const request = state.get(context)?.request as HttpRequest<R>;
        return toApiGatewayResult(await handle(request));
      });
    // The route travels with the handler, so the runners and a test can check each function serves the route
    // that names it.
    return Object.assign(handler, { route });
  };
}
