import { describe, expect, it } from 'vitest';
import { DEFAULT_ROUTE_PATH } from '../../../shared/core/routes/route';
import { allRoutes } from '../../../shared/routes';
import { call } from '../api-client';

describe('GET /openapi.json', () => {
  it('serves an OpenAPI 3.1 document covering every declared route', async () => {
    const { status, body } = await call('GET', '/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    const documented = Object.entries(body.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const declared = allRoutes
      .filter((route) => route.path !== DEFAULT_ROUTE_PATH)
      .map((route) => `${route.method} ${route.path}`);
    expect(documented.sort()).toEqual(declared.sort());
  });

  it('describes request bodies, parameters, roles and errors from the zod schemas', async () => {
    const { body } = await call('GET', '/openapi.json');
    const create = body.paths['/contacts'].post;
    const schema = create.requestBody.content['application/json'].schema;
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['email', 'phone', 'consent', 'tags']));
    expect(create.security).toEqual([{ cognito: [] }]);
    expect(create.description).toContain('staff');
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '403', '409', '413']));
    const list = body.paths['/contacts'].get;
    const limit = list.parameters.find((parameter: { name: string }) => parameter.name === 'limit');
    expect(limit).toMatchObject({ in: 'query', required: false, schema: { maximum: 100, minimum: 1 } });
    const get = body.paths['/contacts/{id}'].get;
    expect(get.parameters).toEqual([expect.objectContaining({ name: 'id', in: 'path', required: true })]);
    expect(body.paths['/health'].get.security).toBeUndefined();
    expect(create.responses['401'].content['application/json'].schema.properties.message.const).toBe('Unauthorized');
    expect(create.responses['409'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Error' });
  });
});
