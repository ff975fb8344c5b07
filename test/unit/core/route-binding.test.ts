import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { loadHandler as loadLocally } from '../../../local/handler-loader';
import { campaignRoutes } from '../../../shared/campaigns/routes';
import { unsubscribeRoutes } from '../../../shared/campaigns/unsubscribe-routes';
import { duplicateRoutes } from '../../../shared/contacts/duplicates-routes';
import { contactRoutes } from '../../../shared/contacts/routes';
import { BUCKET_TRIGGERS, TRIGGER_FAILURES } from '../../../shared/core/files/buckets';
import { ROLES, type Role } from '../../../shared/core/http/role-names';
import { QUEUE_TRIGGERS } from '../../../shared/core/queues/queues';
import type { RouteDefinition } from '../../../shared/core/routes/route';
import { SCHEDULED_TASKS } from '../../../shared/core/schedules';
import { importRoutes } from '../../../shared/imports/routes';
import { allRoutes } from '../../../shared/routes';
import { segmentRoutes } from '../../../shared/segments/routes';
import { citizenRoutes } from '../../../shared/surveys/citizen/routes';
import { surveyRoutes } from '../../../shared/surveys/routes';
import { systemRoutes } from '../../../shared/system/routes';

const FUNCTIONS_DIR = join(import.meta.dirname, '..', '..', '..', 'functions');

type BoundHandler = ((event: unknown, context: Context) => Promise<unknown>) & { route?: RouteDefinition };

const functionFiles = (dir = FUNCTIONS_DIR): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? functionFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [relative(FUNCTIONS_DIR, join(dir, entry.name)).replace(/\.ts$/, '')]
        : [],
  );

/** A function file's handler, loaded as the local runner loads it. */
const loadHandler = async (modulePath: string) => (await loadLocally(modulePath)) as BoundHandler;

const staffRoutes = (allRoutes as RouteDefinition[]).flatMap((route) =>
  route.access.kind === 'staff' ? [{ route, role: route.access.role }] : [],
);

/** The role just below the one a route declares; below viewer is an account with no Voxcitio role at all. */
const roleBelow = (role: Role): Role | undefined => ROLES[ROLES.indexOf(role) - 1];

const context = { awsRequestId: 'req-1', functionName: 'test', getRemainingTimeInMillis: () => 10_000 } as Context;

function staffEvent(route: RouteDefinition, groups: string): APIGatewayProxyEventV2WithJWTAuthorizer {
  return {
    version: '2.0',
    routeKey: `${route.method} ${route.path}`,
    rawPath: route.path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    body: '{}',
    isBase64Encoded: false,
    requestContext: {
      requestId: 'r',
      http: { method: route.method, path: route.path },
      authorizer: { jwt: { claims: { sub: 'user-1', 'cognito:groups': groups }, scopes: [] } },
    },
  } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
}

describe('the route index', () => {
  const sets = [
    contactRoutes,
    duplicateRoutes,
    importRoutes,
    segmentRoutes,
    surveyRoutes,
    citizenRoutes,
    campaignRoutes,
    unsubscribeRoutes,
    systemRoutes,
  ];

  it('holds every capability’s routes, none shadowing another’s name', () => {
    const declared = sets.reduce((sum, set) => sum + Object.keys(set).length, 0);
    expect(allRoutes).toHaveLength(declared);
    expect(new Set(allRoutes.map((route) => route.name)).size).toBe(declared);
  });

  it('names every route by its key', () => {
    for (const set of sets) {
      for (const [key, route] of Object.entries(set)) expect(route.name).toBe(key);
    }
  });
});

describe('every function file is bound to what deploys it', () => {
  const files = functionFiles();
  const triggerHandlers = new Set([
    ...BUCKET_TRIGGERS.map((trigger) => trigger.handler),
    TRIGGER_FAILURES.handler,
    ...SCHEDULED_TASKS.map((task) => task.handler),
    ...QUEUE_TRIGGERS.map((trigger) => trigger.handler),
  ]);

  it('has a file for every route, trigger and schedule, and no file that nothing deploys', () => {
    const deployed = new Set([...allRoutes.map((route) => route.handler), ...triggerHandlers]);
    expect([...deployed].filter((handler) => !files.includes(handler))).toEqual([]);
    expect(files.filter((file) => !deployed.has(file))).toEqual([]);
  });

  it.each(allRoutes.map((route) => [route.handler, route] as const))(
    'functions/%s serves its route',
    async (file, route) => {
      expect((await loadHandler(file)).route).toBe(route);
    },
  );

  it.each([...triggerHandlers])('functions/%s is a trigger, bound to no route', async (file) => {
    expect((await loadHandler(file)).route).toBeUndefined();
  });
});

describe('roles are enforced in the handler (the JWT authorizer only authenticates)', () => {
  it.each(staffRoutes.map(({ route, role }) => [route.name, role, roleBelow(role) ?? 'no role', route] as const))(
    '%s needs %s: %s gets 403',
    async (_name, _role, below, route) => {
      const handler = await loadHandler(route.handler);
      const groups = below === 'no role' ? '[]' : `[${below}]`;
      const result = (await handler(staffEvent(route, groups), context)) as APIGatewayProxyStructuredResultV2;
      expect(result.statusCode).toBe(403);
      expect(JSON.parse(result.body ?? '{}').error.code).toBe('forbidden');
    },
  );

  it('covers every staff route', () => {
    expect(staffRoutes.length).toBeGreaterThan(30);
  });
});
