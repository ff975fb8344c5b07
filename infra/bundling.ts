import type { BuildOptions } from 'esbuild';

/**
 * How every function is bundled, in one place: the CDK construct passes it to NodejsFunction, and the
 * benchmarks hand the same settings to esbuild directly (ESBUILD_OPTIONS).
 */
export const LAMBDA_NODE_TARGET = 'node24';

export const BUNDLING = {
  format: 'esm',
  target: LAMBDA_NODE_TARGET,
  minify: true,
  sourceMap: true,
  mainFields: ['module', 'main'],
  // Some dependencies still call require(); ESM bundles need it defined.
  banner:
    "import { createRequire as __voxcitioCreateRequire } from 'node:module';const require = __voxcitioCreateRequire(import.meta.url);",
  // The Lambda Node.js runtime ships SDK v3, but bundling pins the version the tests ran against.
  externalModules: [] as string[],
} as const;

/** BUNDLING as options for esbuild's own build(), for the benchmarks that bundle code as it is deployed. */
export const ESBUILD_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: BUNDLING.format,
  target: BUNDLING.target,
  minify: BUNDLING.minify,
  mainFields: [...BUNDLING.mainFields],
  banner: { js: BUNDLING.banner },
  external: [...BUNDLING.externalModules],
  logLevel: 'silent',
} satisfies BuildOptions;
