import { join } from 'node:path';
import { build } from 'esbuild';
import { BUNDLING } from '../infra/bundling';
import { allRoutes, routes } from '../shared/api/routes';
import type { BenchResult } from './harness';

const FUNCTIONS_DIR = join(import.meta.dirname, '..', 'functions');

async function bundledBytes(handler: string): Promise<number> {
  const result = await build({
    entryPoints: [join(FUNCTIONS_DIR, `${handler}.ts`)],
    bundle: true,
    write: false,
    platform: 'node',
    format: BUNDLING.format,
    target: BUNDLING.target,
    minify: BUNDLING.minify,
    mainFields: [...BUNDLING.mainFields],
    banner: { js: BUNDLING.banner },
    external: [...BUNDLING.externalModules],
    logLevel: 'silent',
  });
  return result.outputFiles.reduce((sum, file) => (file.path.endsWith('.map') ? sum : sum + file.contents.length), 0);
}

/**
 * Minified size of every function bundle, with the same esbuild settings the CDK construct uses. The
 * baseline is the health function: the shared plumbing (middy, logger, route declarations) and nothing else.
 */
export async function benchBundleSizes(): Promise<BenchResult[]> {
  const baseline = (await bundledBytes(routes.health.handler)) / 1024;
  const results: BenchResult[] = [];
  for (const route of allRoutes) {
    results.push({
      name: `bundle ${route.handler}`,
      value: (await bundledBytes(route.handler)) / 1024,
      baseline,
      unit: 'KiB',
      higherIsBetter: false,
    });
  }
  return results;
}
