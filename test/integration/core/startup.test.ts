import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../../local/free-port';
import { loadOrCreateSigningKey, mintToken } from '../../../local/local-auth';
import { uniqueEmail } from '../api-client';

/**
 * A stack of its own, started as `npm start` starts it, asked for /health from the moment its port opens: it
 * answers 503 until every stand-in and the table are ready, and from its first 200 it serves real requests.
 */
describe('starting the local stack', () => {
  it('answers 503 until it can serve, then serves from the first 200 on; the ready line comes no later', async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'voxcitio-startup-'));
    const args = ['--port', String(port), '--in-memory', '--quiet', '--data-dir', dataDir];
    const child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts', ...args], {
      cwd: join(import.meta.dirname, '..', '..', '..'),
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true,
    });
    let readyLineAt: number | undefined;
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('{"ready":true')) readyLineAt ??= performance.now();
    });
    try {
      const url = `http://127.0.0.1:${port}`;
      const answers: number[] = [];
      let firstOkAt: number | undefined;
      const deadline = performance.now() + 170_000;
      while (firstOkAt === undefined && performance.now() < deadline) {
        const response = await fetch(`${url}/health`).catch(() => undefined);
        if (response) {
          answers.push(response.status);
          const body = (await response.json()) as { error?: { code?: string } };
          if (response.status === 200) firstOkAt = performance.now();
          else {
            expect(response.status).toBe(503);
            expect(response.headers.get('retry-after')).toBe('1');
            expect(body.error?.code).toBe('starting');
          }
        }
        if (firstOkAt === undefined) await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(firstOkAt, 'the stack did not answer 200 in time').toBeDefined();
      // The first request after that first 200 is served for real (it once was a 500: TABLE_NAME undefined).
      const created = await fetch(`${url}/contacts`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${await mintToken(await loadOrCreateSigningKey(dataDir), { role: 'staff' })}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          email: uniqueEmail('first-request'),
          consent: { email: { granted: true, source: 'web form' } },
        }),
      });
      expect(created.status, await created.text()).toBe(201);
      expect(answers.filter((status) => status !== 503 && status !== 200)).toEqual([]);
      // The ready line is printed as requests start to be served: within a moment of the first 200.
      const lineDeadline = performance.now() + 5_000;
      while (readyLineAt === undefined && performance.now() < lineDeadline)
        await new Promise((resolve) => setTimeout(resolve, 25));
      expect(readyLineAt).toBeDefined();
    } finally {
      try {
        process.kill(-(child.pid as number), 'SIGTERM');
      } catch {
        // gone already
      }
      await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(undefined)));
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 200_000);
});
