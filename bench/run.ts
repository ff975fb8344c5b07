import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchBundleSizes } from './bundle-size.bench';
import { benchCliStart } from './cli-start.bench';
import { type BenchResult, describeMachine, printResults } from './harness';
import { benchImportPipeline } from './import-pipeline.bench';
import type { StackBenchmark } from './stack-bench.child';

/** Runs a benchmark that starts a local stack in a child process (see stack-bench.child.ts). */
function inOwnProcess(name: StackBenchmark, options: unknown): BenchResult[] {
  const output = execFileSync(
    process.execPath,
    [
      '--expose-gc',
      '--import',
      'tsx',
      join(import.meta.dirname, 'stack-bench.child.ts'),
      name,
      JSON.stringify(options),
    ],
    { env: process.env, maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'inherit'] },
  ).toString();
  return JSON.parse(output.trimEnd().split('\n').pop() as string) as BenchResult[];
}

/**
 * npm run bench            every benchmark (import pipeline at 1M rows)
 * npm run bench -- --quick smaller runs, for a quick look
 * npm run bench -- --full  also the import pipeline's memory at 5M rows (a few minutes)
 */
const { values } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, full: { type: 'boolean', default: false } },
});
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';

console.log(`# Voxcitio benchmarks\n\nMachine: ${describeMachine()}; ${new Date().toISOString().slice(0, 10)}`);
printResults(
  'Contacts API through the local runner',
  inOwnProcess('contactsApi', { count: values.quick ? 200 : 2000, concurrency: 8 }),
);
printResults(
  'A campaign through the local stack',
  // A rate the local stack sustains on 2 cores (DynamoDB Local takes tens of ms a write under this load):
  // 100,000 recipients then take about 17 minutes.
  inOwnProcess('campaigns', values.quick ? { recipients: 5_000, rate: 100 } : { recipients: 100_000, rate: 100 }),
);
printResults('Command-line tools start', benchCliStart());
printResults('Function bundles (minified, same settings as the CDK construct)', await benchBundleSizes());
const importRows = values.quick ? 100_000 : 1_000_000;
printResults(
  'Import pipeline in process (no database)',
  await benchImportPipeline({ rows: importRows, memoryRows: values.full ? [importRows, 5_000_000] : [importRows] }),
);
printResults(
  'Import end to end through the local stack',
  inOwnProcess('importEndToEnd', { rows: values.quick ? 5_000 : 50_000 }),
);
printResults(
  'Surveys through the local stack',
  inOwnProcess(
    'surveys',
    values.quick
      ? { submissions: 300, concurrency: 16, small: 1_000, large: 10_000 }
      : { submissions: 950, concurrency: 16, small: 1_000, large: 100_000 },
  ),
);
