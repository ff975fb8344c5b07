import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { BenchResult } from './harness';

const ROOT = join(import.meta.dirname, '..');

/** The median wall time, in milliseconds, of running `node` with these arguments to the end. */
function medianMs(args: string[], runs: number): number {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    execFileSync(process.execPath, args, { cwd: ROOT, stdio: 'ignore', env: { ...process.env, NODE_OPTIONS: '' } });
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)] as number;
}

/**
 * How long the CLI and the token command take to start and finish (`--help`, and minting a token), as
 * `npm run cli` and `npm run token` run them (tools/bundled.mjs, bundle already built), against compiling
 * each file on every run (tsx), measured in the same run.
 */
export function benchCliStart(runs = 7): BenchResult[] {
  const launcher = join('tools', 'bundled.mjs');
  const results: BenchResult[] = [];
  for (const [name, entry, args] of [
    ['npm run cli -- --help', 'cli/voxcitio.ts', ['--help']],
    ['npm run token', 'local/token.ts', ['--role', 'viewer']],
  ] as const) {
    medianMs([launcher, entry, ...args], 1); // builds the bundle if a source changed
    results.push({
      name: `${name} (bundled)`,
      value: medianMs([launcher, entry, ...args], runs),
      baseline: medianMs(['--import', 'tsx', entry, ...args], runs),
      unit: 'ms',
      higherIsBetter: false,
      note: 'baseline: the same command through tsx, which compiles every file on each run',
    });
  }
  return results;
}
