import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { ConflictError } from '../../../shared/core/errors';
import { EDGE_HEADER } from '../../../shared/core/http/edge';
import { httpHandler } from '../../../shared/core/http/handler';
import { logger } from '../../../shared/core/observability/logger';
import { METRIC, metrics } from '../../../shared/core/observability/metrics';
import { defineRoute, routeSet } from '../../../shared/core/routes/route';
import { UNIT_TEST_SECRETS } from '../../support/signing-secret.setup';

const { test: route } = routeSet({
  test: defineRoute({
    method: 'POST',
    path: '/things/{id}',
    handler: 'test',
    access: { kind: 'staff', role: 'staff' },
    table: 'none',
    summary: 'test',
    tag: 'test',
    request: {
      body: z.strictObject({ name: z.string() }),
      params: z.object({ id: z.string().regex(/^\d+$/) }),
      maxBodyBytes: 100,
    },
    responses: {
      200: { description: 'echo', schema: z.record(z.string(), z.unknown()) },
      204: { description: 'nothing' },
    },
  }),
});

const context = { awsRequestId: 'req-1', functionName: 'test', getRemainingTimeInMillis: () => 1000 } as Context;

function event(
  overrides: Partial<APIGatewayProxyEventV2WithJWTAuthorizer> = {},
): APIGatewayProxyEventV2WithJWTAuthorizer {
  return {
    version: '2.0',
    routeKey: 'POST /things/{id}',
    rawPath: '/things/1',
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    pathParameters: { id: '1' },
    body: '{"name":"x"}',
    isBase64Encoded: false,
    requestContext: {
      requestId: 'r',
      http: { method: 'POST', path: '/things/1' },
      authorizer: { jwt: { claims: { sub: 'user-1', 'cognito:groups': '[staff]' }, scopes: [] } },
    },
    ...overrides,
  } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
}

const invoke = async (handler: ReturnType<ReturnType<typeof httpHandler>>, e = event()) => {
  const result = (await handler(e, context)) as APIGatewayProxyStructuredResultV2;
  return { ...result, json: result.body ? JSON.parse(result.body) : undefined };
};

describe('httpHandler', () => {
  const echo = httpHandler(route)(async ({ body, params, caller }) => ({
    status: 200,
    body: { body, params, caller },
  }));

  it('hands the service a parsed, authorised request', async () => {
    const result = await invoke(echo);
    expect(result.statusCode).toBe(200);
    expect(result.headers).toMatchObject({ 'content-type': 'application/json; charset=utf-8' });
    expect(result.json).toEqual({
      body: { name: 'x' },
      params: { id: '1' },
      caller: { subject: 'user-1', role: 'staff' },
    });
  });

  it('reads base64-encoded bodies', async () => {
    const result = await invoke(
      echo,
      event({ body: Buffer.from('{"name":"y"}').toString('base64'), isBase64Encoded: true }),
    );
    expect(result.json.body).toEqual({ name: 'y' });
  });

  it('checks the caller before reading the body', async () => {
    const viewer = event({ body: '{bad' });
    (viewer.requestContext.authorizer.jwt.claims as Record<string, string>)['cognito:groups'] = '[viewer]';
    expect((await invoke(echo, viewer)).statusCode).toBe(403);
  });

  it('reports body and parameter problems together', async () => {
    const result = await invoke(echo, event({ body: '{"name":1,"x":2}', pathParameters: { id: 'abc' } }));
    expect(result.statusCode).toBe(400);
    expect(result.json.error.issues.map((issue: { path: string }) => issue.path).sort()).toEqual([
      'body.name',
      'body.x',
      'params.id',
    ]);
  });

  it('refuses a query parameter named __proto__ as it refuses any unknown one', async () => {
    const listing = routeSet({
      list: defineRoute({
        method: 'GET',
        path: '/things',
        handler: 'test',
        access: { kind: 'staff', role: 'staff' },
        table: 'none',
        summary: 'test',
        tag: 'test',
        request: { query: z.strictObject({ limit: z.string().optional() }) },
        responses: { 200: { description: 'ok', schema: z.object({ ok: z.boolean() }) } },
      }),
    }).list;
    const handler = httpHandler(listing)(async () => ({ status: 200, body: { ok: true } }));
    // As API Gateway hands it over: parsed JSON, where __proto__ is an own key.
    const result = await invoke(handler, event({ queryStringParameters: JSON.parse('{"__proto__":"x"}') }));
    expect(result.statusCode).toBe(400);
    expect(result.json.error.issues).toEqual([{ path: 'query.__proto__', message: 'unknown field' }]);
  });

  it('applies the route body limit', async () => {
    const result = await invoke(echo, event({ body: JSON.stringify({ name: 'x'.repeat(200) }) }));
    expect(result.statusCode).toBe(413);
  });

  it('maps typed errors with their details', async () => {
    const conflict = httpHandler(route)(async () => {
      throw new ConflictError('taken', { existingContactId: 'c9' });
    });
    const result = await invoke(conflict);
    expect(result.statusCode).toBe(409);
    expect(result.json).toEqual({ error: { code: 'conflict', message: 'taken', existingContactId: 'c9' } });
  });

  it('takes the correlation id from x-correlation-id, else from the API Gateway request id', async () => {
    const seen: unknown[] = [];
    const probe = httpHandler(route)(async () => {
      seen.push(logger.getCorrelationId());
      return { status: 204 };
    });
    await invoke(probe, event({ headers: { 'content-type': 'application/json', 'x-correlation-id': 'from-caller' } }));
    await invoke(probe);
    expect(seen).toEqual(['from-caller', 'r']);
  });

  it('turns unexpected errors into a bare 500 with the request id and nothing else', async () => {
    const failing = httpHandler(route)(async () => {
      throw new Error('secret detail: ann@example.org');
    });
    const result = await invoke(failing);
    expect(result.statusCode).toBe(500);
    expect(result.json).toEqual({ error: { code: 'internal', message: 'Something went wrong.', requestId: 'req-1' } });
  });
});

describe('the result a handler returns is checked against its route', () => {
  it('does not compile a status, or a body, that the route does not declare', () => {
    // @ts-expect-error 201 is not among the route's responses
    httpHandler(route)(async () => ({ status: 201 }));
    // @ts-expect-error a 204 declares no body
    httpHandler(route)(async () => ({ status: 204, body: { extra: true } }));
    // @ts-expect-error the route declares no HTML pages
    httpHandler(route)(async () => ({ status: 200, body: '<p>', headers: { 'content-type': 'text/html' } }));
    expect(httpHandler(route)(async () => ({ status: 204 })).route).toBe(route);
  });
});

describe('errors are counted by route', () => {
  const counted = () => {
    const recorded: { dimension: [string, string]; metric: string }[] = [];
    const spy = vi.spyOn(metrics, 'singleMetric').mockImplementation(() => {
      let dimension: [string, string] = ['', ''];
      return {
        addDimension: (name: string, value: string) => {
          dimension = [name, value];
        },
        addMetric: (metric: string) => {
          recorded.push({ dimension, metric });
        },
      } as unknown as Metrics;
    });
    return { recorded, restore: () => spy.mockRestore() };
  };

  it('as a client error for a 4xx, and as a server error for anything unexpected', async () => {
    const { recorded, restore } = counted();
    await invoke(
      httpHandler(route)(async () => {
        throw new ConflictError('taken');
      }),
    );
    await invoke(
      httpHandler(route)(async () => {
        throw new Error('boom');
      }),
    );
    restore();
    expect(recorded).toEqual([
      { dimension: ['route', 'test'], metric: METRIC.clientErrors },
      { dimension: ['route', 'test'], metric: METRIC.serverErrors },
    ]);
  });
});

describe('httpHandler on a route limited per client', () => {
  const { limited } = routeSet({
    limited: defineRoute({
      method: 'GET',
      path: '/s/{token}',
      handler: 'test',
      access: { kind: 'public' },
      table: 'none',
      summary: 'test',
      tag: 'test',
      request: {},
      limitedPerClient: true,
      responses: { 204: { description: 'nothing' } },
    }),
  });
  const handled = vi.fn(async () => ({ status: 204 as const }));
  const handler = httpHandler(limited)(handled);
  const citizenEvent = (headers: Record<string, string>) =>
    event({ routeKey: 'GET /s/{token}', rawPath: '/s/abc', headers, body: undefined, requestContext: {} as never });

  it('serves a request the edge forwarded, with the deployment’s edge secret', async () => {
    const result = await invoke(handler, citizenEvent({ [EDGE_HEADER]: UNIT_TEST_SECRETS.edge }));
    expect(result.statusCode).toBe(204);
  });

  it('refuses, before the handler runs, one sent round the edge: without the header, or with a guessed value', async () => {
    handled.mockClear();
    const attempts: Record<string, string>[] = [
      {},
      { [EDGE_HEADER]: 'guess' },
      { [EDGE_HEADER]: `${UNIT_TEST_SECRETS.edge}x` },
    ];
    for (const headers of attempts) {
      const result = await invoke(handler, citizenEvent(headers));
      expect(result.statusCode).toBe(403);
      expect(result.json.error.code).toBe('not_through_edge');
    }
    expect(handled).not.toHaveBeenCalled();
  });
});
