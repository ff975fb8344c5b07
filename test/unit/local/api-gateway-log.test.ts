import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiGateway } from '../../../local/api-gateway';
import { loadOrCreateSigningKey } from '../../../local/local-auth';
import { allRoutes } from '../../../shared/routes';

/** The local gateway's request log names routes, as API Gateway's access log does: no token, no query value. */
describe('the local API gateway’s request log', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'voxcitio-log-'));
  const lines: string[] = [];
  let baseUrl = '';
  let close: () => void;

  beforeAll(async () => {
    const server = createApiGateway({
      routes: allRoutes,
      keys: await loadOrCreateSigningKey(dataDir),
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
});
