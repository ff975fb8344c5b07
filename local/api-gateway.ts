import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { STAFF_TOKEN_SCOPE } from '../shared/core/http/auth';
import { CLIENT_RATE_LIMITED, EDGE_HEADER } from '../shared/core/http/edge';
import {
  CORS_ALLOWED_HEADERS,
  DEFAULT_ROUTE_PATH,
  DEFAULT_ROUTE_TIMEOUT_SECONDS,
  type RouteDefinition,
} from '../shared/core/routes/route';
import { createRouteMatcher } from '../shared/core/routes/route-matching';
import { createClientRateLimit } from './client-rate-limit';
import { invoke, lambdaContext, loadHandler } from './handler-loader';
import { verifyBearer } from './local-auth';
import { createRouteThrottle } from './route-throttle';

/** API Gateway refuses larger payloads before any function runs. */
const API_GATEWAY_MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

export interface ApiGatewayOptions {
  routes: readonly RouteDefinition[];
  keys: Parameters<typeof verifyBearer>[0];
  corsOrigins: readonly string[];
  /** Enforce routes' own throttles (default true). */
  routeThrottling?: boolean;
  /**
   * Play the edge in front of routes limited per client (CloudFront and WAF in AWS): count each client
   * address's requests, and forward the edge secret to the function. Without it, those routes refuse every
   * request (403), as the API's own address does in AWS.
   */
  edge?: { requestsPerClientPerMinute: number; secret: () => Promise<string> };
  /** False while the stack is starting: every request is then answered 503 with Retry-After. */
  isReady?: () => boolean;
  onRequest?: (line: string) => void;
}

/**
 * Plays HTTP API's part on one machine: matches the declared routes, verifies bearer tokens on staff routes
 * as the JWT authorizer does (401 `{"message":"Unauthorized"}` before any function runs), answers CORS
 * preflights for the configured origins, and calls the same handler modules with API Gateway v2 events.
 */
export function createApiGateway(options: ApiGatewayOptions): Server {
  const match = createRouteMatcher(options.routes);
  const fallback = options.routes.find((route) => route.path === DEFAULT_ROUTE_PATH);
  const admit = options.routeThrottling === false ? () => true : createRouteThrottle();
  const admitClient = options.edge && createClientRateLimit(options.edge.requestsPerClientPerMinute);

  return createServer(async (req, res) => {
    const started = performance.now();
    try {
      const status = await serve(req, res);
      options.onRequest?.(`${loggableRequest(req)} ${status} ${Math.round(performance.now() - started)}ms`);
    } catch (error) {
      options.onRequest?.(`${loggableRequest(req)} failed: ${(error as Error).stack}`);
      if (!res.headersSent)
        send(res, 500, { 'content-type': 'application/json' }, '{"message":"Internal Server Error"}');
    }
  });

  /**
   * A request as the log names it: its route key, as API Gateway's access log does, never its raw path (a
   * citizen link's path is its token) nor the values of its query (`?email=` is personal data).
   */
  function loggableRequest(req: IncomingMessage): string {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = (req.method ?? 'GET').toUpperCase();
    const found = match(method === 'OPTIONS' ? 'GET' : method, url.pathname);
    const routeKey = found.kind === 'route' ? `${method} ${found.route.path}` : `${method} ${DEFAULT_ROUTE_PATH}`;
    const names = [...new Set(url.searchParams.keys())].map((name) => printable(name));
    return names.length > 0 ? `${routeKey} ?${names.map((name) => `${name}=…`).join('&')}` : routeKey;
  }

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<number> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = (req.method ?? 'GET').toUpperCase();
    const origin = req.headers.origin;
    const cors = origin && options.corsOrigins.includes(origin) ? corsHeaders(origin) : {};
    if (method === 'OPTIONS' && req.headers['access-control-request-method']) {
      return send(res, 204, cors);
    }
    if (options.isReady && !options.isReady()) {
      req.resume();
      return send(
        res,
        503,
        { ...cors, 'content-type': 'application/json', 'retry-after': '1' },
        JSON.stringify({
          error: { code: 'starting', message: 'The local stack is still starting. Try again in a moment.' },
        }),
      );
    }
    const found = match(method, url.pathname);
    const route = found.kind === 'route' ? found.route : fallback;
    // The edge answers before API Gateway reads anything: WAF's rule runs in CloudFront.
    const throughEdge = route?.limitedPerClient === true && options.edge !== undefined;
    if (throughEdge && admitClient && !admitClient(req.socket.remoteAddress ?? 'unknown')) {
      req.resume();
      return send(
        res,
        CLIENT_RATE_LIMITED.status,
        { ...cors, 'content-type': 'application/json', 'retry-after': String(CLIENT_RATE_LIMITED.retryAfterSeconds) },
        JSON.stringify(CLIENT_RATE_LIMITED.body),
      );
    }
    const body = await readBody(req);
    if (body === undefined) return send(res, 413, cors, '{"message":"Request Entity Too Large"}');
    if (!route) return send(res, 404, cors, '{"message":"Not Found"}');

    if (!admit(route))
      return send(res, 429, { ...cors, 'content-type': 'application/json' }, '{"message":"Too Many Requests"}');
    let jwt: Awaited<ReturnType<typeof verifyBearer>>;
    if (route.access.kind === 'staff') {
      jwt = await verifyBearer(options.keys, header(req, 'authorization'));
      if (!jwt) return send(res, 401, { ...cors, 'content-type': 'application/json' }, '{"message":"Unauthorized"}');
      if (!jwt.scopes.includes(STAFF_TOKEN_SCOPE))
        return send(res, 403, { ...cors, 'content-type': 'application/json' }, '{"message":"Forbidden"}');
    }
    const event = toEvent(req, url, method, body, route, found.kind === 'route' ? found.params : undefined, jwt);
    // As CloudFront's origin custom header: set by the edge, whatever the client sent under that name.
    delete event.headers[EDGE_HEADER];
    if (throughEdge && options.edge) event.headers[EDGE_HEADER] = await options.edge.secret();
    const handler = await loadHandler(route.handler, route);
    const result = (await invoke(
      handler,
      event,
      lambdaContext(route.name, (route.timeoutSeconds ?? DEFAULT_ROUTE_TIMEOUT_SECONDS) * 1000),
    )) as APIGatewayProxyStructuredResultV2;
    const headers: Record<string, string> = { ...cors };
    for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
    const payload =
      result.body === undefined ? undefined : result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body;
    return send(res, result.statusCode ?? 200, headers, payload, result.cookies);
  }
}

/**
 * A client-chosen text as one log line can hold it: control characters (a newline forging a line of its own,
 * terminal escapes) written as JSON escapes them, and cut short.
 */
export function printable(text: string, longest = 40): string {
  const escaped = JSON.stringify(text).slice(1, -1);
  return escaped.length > longest ? `${escaped.slice(0, longest)}…` : escaped;
}

function toEvent(
  req: IncomingMessage,
  url: URL,
  method: string,
  body: Buffer,
  route: RouteDefinition,
  params: Record<string, string> | undefined,
  jwt: Awaited<ReturnType<typeof verifyBearer>>,
): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && name !== 'cookie') headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  headers['x-forwarded-proto'] = 'http';
  // No prototype: a parameter named __proto__ is then a parameter like any other (API Gateway passes it on,
  // and the route's schema refuses it), not a change of the object's prototype that silently drops it.
  const query: Record<string, string> = Object.create(null);
  for (const [name, value] of url.searchParams) query[name] = name in query ? `${query[name]},${value}` : value;
  const contentType = headers['content-type'] ?? '';
  const textual =
    body.length === 0 || /^(text\/|application\/([\w.+-]*\+)?(json|xml|x-www-form-urlencoded))/i.test(contentType);
  const routeKey = route.path === DEFAULT_ROUTE_PATH ? DEFAULT_ROUTE_PATH : `${route.method} ${route.path}`;
  const now = new Date();
  const cookies = req.headers.cookie?.split(/;\s*/).filter(Boolean);
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(cookies && { cookies }),
    headers,
    ...(Object.keys(query).length > 0 && { queryStringParameters: query }),
    ...(params && Object.keys(params).length > 0 && { pathParameters: params }),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method,
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
      ...(jwt && { authorizer: { jwt } }),
    },
    ...(body.length > 0 && { body: textual ? body.toString('utf8') : body.toString('base64') }),
    isBase64Encoded: !textual,
  } as APIGatewayProxyEventV2;
}

const header = (req: IncomingMessage, name: string) => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

const corsHeaders = (origin: string) => ({
  'access-control-allow-origin': origin,
  'access-control-allow-credentials': 'true',
  'access-control-allow-headers': CORS_ALLOWED_HEADERS.join(','),
  'access-control-allow-methods': 'GET,POST,PUT,PATCH,DELETE',
  'access-control-max-age': '3600',
  vary: 'origin',
});

/** The whole body, or undefined when it is over API Gateway's payload limit. */
function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > API_GATEWAY_MAX_PAYLOAD_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body?: string | Buffer,
  cookies?: string[],
): number {
  res.writeHead(status, { ...headers, ...(cookies && { 'set-cookie': cookies }) });
  res.end(body);
  return status;
}
