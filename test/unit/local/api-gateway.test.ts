import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiGateway } from '../../../local/api-gateway';
import { loadOrCreateSigningKey, mintToken } from '../../../local/local-auth';
import { allRoutes } from '../../../shared/routes';

/** The local API gateway: what it logs, and what it hands the handlers. */
describe('the local API gateway', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'voxcitio-log-'));
  const lines: string[] = [];
  let baseUrl = '';
  let close: () => void;
  let keys: Awaited<ReturnType<typeof loadOrCreateSigningKey>>;

  beforeAll(async () => {
    keys = await loadOrCreateSigningKey(dataDir);
    const server = createApiGateway({
      routes: allRoutes,
      keys,
      corsOrigins: [],
      onRequest: (line) => lines.push(line),
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

  it('logs a citizen link by its route key, never the token in its path', async () => {
    const token = 'not-a-live-token-but-secret-looking';
    await fetch(`${baseUrl}/s/${token}?lang=cy`);
    const line = lines.at(-1) ?? '';
    expect(line).toMatch(/^GET \/s\/\{token\} \?lang=… \d{3} \d+ms$/);
    expect(line).not.toContain(token);
    expect(line).not.toContain('cy');
  });

  it('logs a staff look-up without the email it looks up', async () => {
    await fetch(`${baseUrl}/contacts?email=ann%40example.org`);
    const line = lines.at(-1) ?? '';
    expect(line).toMatch(/^GET \/contacts \?email=… 401 \d+ms$/);
    expect(line).not.toContain('example.org');
  });

  it('logs an unknown path as the catch-all, without the path', async () => {
    await fetch(`${baseUrl}/no/such/place-with-a-secret`);
    expect(lines.at(-1)).toMatch(/^GET \$default 404 \d+ms$/);
  });

  it('escapes what a client chose before printing it, so no request can forge a log line or colour the terminal', async () => {
    const name = encodeURIComponent('x\nGET /contacts 200 1ms\u001b[31m');
    await fetch(`${baseUrl}/health?${name}=1`);
    const line = lines.at(-1) ?? '';
    expect(line.split('\n')).toHaveLength(1);
    expect(line).not.toContain('\u001b');
    expect(line).toMatch(/^GET \/health \?x\\nGET \/contacts 200 1ms\\u001b\[31m=… \d{3} \d+ms$/);
  });

  it('hands a query parameter named __proto__ on, for the route to refuse, as API Gateway does', async () => {
    const token = await mintToken(keys, { role: 'viewer' });
    const response = await fetch(`${baseUrl}/contacts?__proto__=x`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { issues: unknown } }).error.issues).toEqual([
      { path: 'query.__proto__', message: 'unknown field' },
    ]);
  });
});
