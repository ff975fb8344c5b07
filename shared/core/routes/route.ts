import type * as z from 'zod';
import type { TableItems } from '../db/table-items';
import type { ObjectAccess } from '../files/buckets';
import type { Role } from '../http/role-names';
import type { QueueName } from '../queues/queues';

/**
 * A route, declared once. The CDK stack deploys it (API Gateway route, authorizer, Lambda function, grants),
 * the local runner serves it, the handler enforces its access and request schemas, and the OpenAPI document
 * is generated from it.
 */
export type RouteAccess = { kind: 'public' } | { kind: 'staff'; role: Role };
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteDefinition<
  Body extends z.ZodType | undefined = z.ZodType | undefined,
  Query extends z.ZodType | undefined = z.ZodType | undefined,
  Params extends z.ZodType | undefined = z.ZodType | undefined,
  Access extends RouteAccess = RouteAccess,
  Responses extends RouteResponses = RouteResponses,
  Pages extends boolean = boolean,
> {
  /** Unique; names the construct and the function. Its key in the capability's route set, given by routeSet. */
  name: string;
  /** `ANY` with path `$default` is the catch-all that answers for every request no other route matches. */
  method: HttpMethod | 'ANY';
  path: string;
  /** Module under `functions/` that exports `handler`, without extension. */
  handler: string;
  access: Access;
  /** What the function may do to the table. */
  table: 'none' | 'read' | 'readWrite';
  /** Which items: what IAM grants it (and the local runner checks). */
  items?: TableItems;
  /** Object prefixes of the imports bucket the function reads or writes (or signs URLs for). */
  objects?: ObjectAccess;
  /** Queues the function sends messages to. */
  sendsTo?: readonly QueueName[];
  /** Whether it sends mail through SES (test messages) or reads the account's sending quota. */
  sendsEmail?: boolean;
  /** Whether it sends SMS through End User Messaging (test messages). */
  sendsSms?: boolean;
  summary: string;
  tag: string;
  request: {
    body?: Body;
    query?: Query;
    params?: Params;
    maxBodyBytes?: number;
    /** An HTML form (application/x-www-form-urlencoded) is passed on unparsed for the handler to read. */
    acceptsForm?: boolean;
  };
  /** Seconds the function may run (default 10); API Gateway answers 503 after 30 whatever this says. */
  timeoutSeconds?: number;
  /** This route's own limit instead of the stage's per-route default (requests per second, burst, for all clients together); citizen routes have one. */
  throttle?: { rateLimit: number; burstLimit: number };
  /**
   * Behind the edge's per-client rate limit (`citizenRequestsPerClientPerMinute`): the edge counts each client
   * address's requests, and the function refuses any request that did not come through the edge.
   */
  limitedPerClient?: boolean;
  /** Every status the handler may answer with, and the body's schema; handlers are type-checked against it. */
  responses: Responses;
  /** Also answers browsers with server-rendered HTML pages (the citizen's pages), at any declared status. */
  pages?: Pages;
}

/** A declared answer: the OpenAPI description and, for a JSON body, its schema. */
export interface RouteResponse {
  description: string;
  schema?: z.ZodType;
}
export type RouteResponses = Record<number, RouteResponse>;

/** A route as its capability declares it: everything but the name, which is its key in the route set. */
export type RouteDeclaration<
  Body extends z.ZodType | undefined = z.ZodType | undefined,
  Query extends z.ZodType | undefined = z.ZodType | undefined,
  Params extends z.ZodType | undefined = z.ZodType | undefined,
  Access extends RouteAccess = RouteAccess,
  Responses extends RouteResponses = RouteResponses,
  Pages extends boolean = boolean,
> = Omit<RouteDefinition<Body, Query, Params, Access, Responses, Pages>, 'name'>;

/** Declares one route, keeping its schemas' types for the handler. */
export const defineRoute = <
  Body extends z.ZodType | undefined = undefined,
  Query extends z.ZodType | undefined = undefined,
  Params extends z.ZodType | undefined = undefined,
  const Access extends RouteAccess = RouteAccess,
  const Responses extends RouteResponses = RouteResponses,
  const Pages extends boolean = false,
>(
  route: RouteDeclaration<Body, Query, Params, Access, Responses, Pages>,
) => route;

/** A capability's routes, each named by its key, so a name is written once and cannot drift from the key. */
export function routeSet<const T extends Record<string, RouteDeclaration>>(
  declarations: T,
): { [K in keyof T & string]: T[K] & { name: K } } {
  return Object.fromEntries(
    Object.entries(declarations).map(([name, declaration]) => [name, { ...declaration, name }]),
  ) as { [K in keyof T & string]: T[K] & { name: K } };
}

export const DEFAULT_ROUTE_PATH = '$default';
/** A route function's timeout unless it declares its own (VoxcitioFunction's default). */
export const DEFAULT_ROUTE_TIMEOUT_SECONDS = 10;

/** Headers a browser on a frontend origin may send (CORS), for the stack and the local gateway alike. */
export const CORS_ALLOWED_HEADERS = ['authorization', 'content-type', 'x-correlation-id', 'x-voxcitio-device'];
