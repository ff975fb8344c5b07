import { join } from 'node:path';
import { build } from 'esbuild';
import { ESBUILD_OPTIONS } from '../infra/bundling';
import { BUCKET_TRIGGERS, TRIGGER_FAILURES } from '../shared/core/files/buckets';
import { allRoutes, routes } from '../shared/routes';
import type { BenchResult } from './harness';

const FUNCTIONS_DIR = join(import.meta.dirname, '..', 'functions');

async function bundledBytes(handler: string): Promise<number> {
  const result = await build({ ...ESBUILD_OPTIONS, entryPoints: [join(FUNCTIONS_DIR, `${handler}.ts`)], write: false });
  return result.outputFiles.reduce((sum, file) => (file.path.endsWith('.map') ? sum : sum + file.contents.length), 0);
}

/**
 * Minified size of every function bundle (routes and bucket triggers), with the same esbuild settings the CDK construct uses. The
 * baseline is the health function: the shared plumbing (middy, logger, route declarations) and nothing else.
 */
export async function benchBundleSizes(): Promise<BenchResult[]> {
  const baseline = (await bundledBytes(routes.health.handler)) / 1024;
  const results: BenchResult[] = [];
  const handlers = [
    ...allRoutes.map((route) => route.handler),
    ...BUCKET_TRIGGERS.map((trigger) => trigger.handler),
    TRIGGER_FAILURES.handler,
  ];
  for (const handler of handlers) {
    results.push({
      name: `bundle ${handler}`,
      value: (await bundledBytes(handler)) / 1024,
      baseline,
      unit: 'KiB',
      higherIsBetter: false,
    });
  }
  return results;
}
