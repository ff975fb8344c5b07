/**
 * How every function is bundled, in one place: the CDK construct passes it to NodejsFunction, and the
 * bundle-size benchmark hands the same settings to esbuild directly.
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
