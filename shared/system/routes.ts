import * as z from 'zod';
import { DEFAULT_ROUTE_PATH, defineRoute, routeSet } from '../core/routes/route';

const healthSchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  checks: z.object({ table: z.enum(['reachable', 'unreachable']) }).optional(),
});

/** Routes of the system itself: liveness, the OpenAPI document, the catch-all. */
export const systemRoutes = routeSet({
  health: defineRoute({
    method: 'GET',
    path: '/health',
    handler: 'system/health',
    access: { kind: 'public' },
    table: 'read',
    items: { read: ['healthProbe'] },
    summary: 'Liveness check; with deep=true, whether the table answers too',
    tag: 'system',
    request: {
      query: z.strictObject({
        deep: z.literal('true').optional().describe('Also read the table, and answer 503 when it does not answer'),
      }),
    },
    responses: {
      200: { description: 'The API is up (and the table answers, when asked)', schema: healthSchema },
      503: { description: 'The table does not answer (deep=true only)', schema: healthSchema },
    },
  }),
  openApi: defineRoute({
    method: 'GET',
    path: '/openapi.json',
    handler: 'system/openapi',
    access: { kind: 'public' },
    table: 'none',
    summary: 'This API as an OpenAPI 3.1 document',
    tag: 'system',
    request: {},
    responses: {
      200: { description: 'The OpenAPI document', schema: z.record(z.string(), z.unknown()) },
    },
  }),
  notFound: defineRoute({
    method: 'ANY',
    path: DEFAULT_ROUTE_PATH,
    handler: 'system/not-found',
    access: { kind: 'public' },
    table: 'none',
    summary: 'Answers every request that no route matches: 405 with Allow for a known path, else 404',
    tag: 'system',
    request: { query: z.record(z.string(), z.string()) },
    responses: {},
  }),
});
