import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiGateway } from '../../local/api-gateway';
import { loadOrCreateSigningKey } from '../../local/local-auth';
import { allRoutes } from '../../shared/routes';
import { defaultTemplate } from './synth';

/**
 * The stack and the local runner serve the same routes. Deployed routes come from the synthesized
 * template; local ones are found by asking the local API gateway itself: a staff route answers 401
 * before any function runs, a public route runs its handler, and an unknown route reaches `$default`.
 */
describe('one declaration, two runners', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'voxcitio-parity-'));
  let baseUrl = '';
  let close: () => void;

  beforeAll(async () => {
    const server = createApiGateway({
      routes: allRoutes,
      keys: await loadOrCreateSigningKey(dataDir),
      corsOrigins: [],
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => {
    close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const deployedRouteKeys = () =>
    Object.values(defaultTemplate().template.findResources('AWS::ApiGatewayV2::Route')).map(
      (route) => route.Properties.RouteKey as string,
    );

  it('deploys exactly the declared routes', () => {
    const declared = allRoutes.map((route) =>
      route.path === '$default' ? '$default' : `${route.method} ${route.path}`,
    );
    expect(deployedRouteKeys().sort()).toEqual(declared.sort());
  });

  it('serves locally every route the stack deploys, with the same access', async () => {
    for (const routeKey of deployedRouteKeys()) {
      const declared = allRoutes.find(
        (route) => `${route.method} ${route.path}` === routeKey || route.path === routeKey,
      );
      if (routeKey === '$default') {
        const response = await fetch(`${baseUrl}/no/such/route`);
        expect(response.status).toBe(404);
        expect(((await response.json()) as { error: { code: string } }).error.code).toBe('not_found');
        continue;
      }
      const [method, path] = routeKey.split(' ') as [string, string];
      const concrete = path.replace(/\{\w+\}/g, '01a20dfa-b7e3-70c8-a0cc-8482037c18b8');
      const response = await fetch(`${baseUrl}${concrete}`, { method });
      if (declared?.access.kind === 'staff') {
        expect(response.status, routeKey).toBe(401);
        expect(await response.json(), routeKey).toEqual({ message: 'Unauthorized' });
      } else if (declared?.table === 'none') {
        expect(response.status, routeKey).toBe(200);
      } else {
        // No table here: the handler itself answers (with its JSON, an error for most), not the gateway's 401.
        expect(response.status, routeKey).not.toBe(401);
        const body = (await response.json()) as Record<string, unknown>;
        expect('error' in body || 'status' in body, routeKey).toBe(true);
      }
    }
  });
});
