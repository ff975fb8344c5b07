import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
    localEnvironment: Record<string, string>;
    localDataDir: string;
  }
}

/**
 * Starts the local stack exactly as `npm start` does (a separate process, DynamoDB Local in memory, the API
 * on a free port) once per run, and hands its addresses to the tests.
 */
export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(join(tmpdir(), 'voxcitio-test-'));
  const child: ChildProcess = spawn(
    process.execPath,
    // Retries wait a fraction of a second, not Lambda's minutes, and scheduled tasks run every second, so that
    // tests of failures and of the stalled-import check stay short.
    [
      '--import',
      'tsx',
      'local/start.ts',
      ...[
        '--port',
        '0',
        '--in-memory',
        '--quiet',
        '--data-dir',
        dataDir,
        '--retry-delays',
        '200,400',
        '--schedules-every',
        '1000',
        // Campaign tests send at a known rate, and a chunk that failed comes back within seconds.
        '--ses-rate',
        '40',
        '--queue-visibility',
        '5',
        // SMS campaigns in the tests send faster than a long code's 1 part a second.
        '-c',
        'smsPartsPerSecond=20',
      ],
    ],
    {
      cwd: join(import.meta.dirname, '..', '..'),
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env },
      // Its own process group, so teardown can end DynamoDB Local too even if the runner itself died.
      detached: true,
    },
  );
  const ready = await new Promise<{ apiUrl: string; environment: Record<string, string> }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the local stack did not start within 180 s')), 180_000);
    child.once('exit', (code) => reject(new Error(`the local stack exited with code ${code}`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      if (!line.startsWith('{"ready":true')) return;
      clearTimeout(timer);
      resolve(JSON.parse(line));
    });
  });
  project.provide('apiUrl', ready.apiUrl);
  project.provide('localEnvironment', ready.environment);
  project.provide('localDataDir', dataDir);

  return async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    try {
      process.kill(-(child.pid as number), 'SIGKILL'); // whatever of the group is left
    } catch {
      // the group is gone already
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
}
