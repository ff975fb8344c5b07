import * as z from 'zod';
import { DEFAULT_ROUTE_PATH, type RouteDefinition } from './route';

/**
 * The OpenAPI 3.1 document, generated from the route declarations and their zod schemas. OpenAPI 3.1 uses
 * JSON Schema 2020-12, which is what zod emits, so schemas are embedded as they come.
 */
const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

const STANDARD_ERRORS: Record<number, string> = {
  400: 'Invalid request: every problem is listed with its field path',
  401: 'Missing or invalid bearer token',
  403: 'The caller’s role does not allow this',
  413: 'Request body too large',
};

type JsonSchema = Record<string, unknown>;
const GATEWAY_ERROR_SCHEMA: JsonSchema = {
  type: 'object',
  properties: { message: { type: 'string', const: 'Unauthorized' } },
  required: ['message'],
};
const jsonSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
};

function parameters(route: RouteDefinition) {
  const list: JsonSchema[] = [];
  for (const [location, schema] of [
    ['path', route.request.params],
    ['query', route.request.query],
  ] as const) {
    if (!schema) continue;
    const object = jsonSchema(schema, 'input');
    const properties = (object.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((object.required ?? []) as string[]);
    for (const [name, property] of Object.entries(properties)) {
      const { description, ...propertySchema } = property;
      list.push({
        name,
        in: location,
        required: location === 'path' || required.has(name),
        ...(description !== undefined && { description }),
        schema: propertySchema,
      });
    }
  }
  return list;
}

function operation(route: RouteDefinition) {
  const responses: Record<string, unknown> = {};
  for (const [status, response] of Object.entries(route.responses)) {
    responses[status] = {
      description: response.description,
      ...(response.schema && { content: { 'application/json': { schema: jsonSchema(response.schema, 'output') } } }),
    };
  }
  const errors = { ...STANDARD_ERRORS };
  if (route.access.kind === 'public') {
    delete errors[401];
    delete errors[403];
  }
  if (!route.request.body) delete errors[413];
  if (route.limitedPerClient) {
    errors[403] = 'Sent to the API’s own address instead of through the edge (`not_through_edge`)';
    errors[429] = 'Too many requests from this client address in a minute (`too_many_requests`, `Retry-After`)';
  }
  for (const [status, description] of Object.entries(errors)) {
    // API Gateway's JWT authorizer answers 401 itself, in its own shape, before any function runs.
    const schema = status === '401' ? GATEWAY_ERROR_SCHEMA : { $ref: '#/components/schemas/Error' };
    responses[status] ??= { description, content: { 'application/json': { schema } } };
  }
  for (const [status, response] of Object.entries(responses))
    if (Number(status) >= 400 && !(response as JsonSchema).content)
      (response as JsonSchema).content = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };

  return {
    operationId: route.name,
    summary: route.summary,
    tags: [route.tag],
    ...(route.access.kind === 'staff' && {
      security: [{ cognito: [] }],
      description: `Needs the ${route.access.role} role or a stronger one.`,
    }),
    parameters: parameters(route),
    ...(route.request.body && {
      requestBody: {
        required: true,
        content: { 'application/json': { schema: jsonSchema(route.request.body, 'input') } },
      },
    }),
    responses,
  };
}

export function buildOpenApiDocument(routes: readonly RouteDefinition[], options: { serverUrl: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    if (route.path === DEFAULT_ROUTE_PATH) continue;
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, unknown>)[route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Voxcitio API',
      version: '0.1.0',
      description:
        'Consultation and citizen-engagement platform. Staff routes need a Cognito access token (`Authorization: Bearer …`); the role each one needs is in its description. Unknown routes answer 404 and known paths with another method 405, both as JSON.',
    },
    servers: [{ url: options.serverUrl }],
    paths,
    components: {
      schemas: { Error: jsonSchema(errorBodySchema, 'output') },
      securitySchemes: { cognito: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
  };
}
