import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { ESBUILD_OPTIONS } from '../infra/bundling';
import { generateContactFile } from '../tools/contact-files/generate.ts';
import type { BenchResult } from './harness';

const WORK_DIR = join(import.meta.dirname, '..', '.bench-tmp');

/** A generated crm file of `rows` records (kept in .bench-tmp/ for the next run). */
async function generated(rows: number): Promise<string> {
  mkdirSync(WORK_DIR, { recursive: true });
  const file = join(WORK_DIR, `crm-utf8-${rows}-seed-11.csv`);
  if (!existsSync(file)) {
    await generateContactFile({ rows, seed: 11, layout: 'crm', encoding: 'utf8' }, { csv: `${file}.partial` });
    renameSync(`${file}.partial`, file);
  }
  return file;
}

/**
 * The main thread's heap in a process held to 256 MB (the phone worker has 56 MiB of its own, set where it is
 * made). Without a budget V8 sizes its heap from this machine's memory (24 GiB) and lets garbage pile up long
 * before collecting it; Node sizes it from a container's limit the same way. The parser alone runs under the
 * same budget.
 */
const HEAP_BUDGET_MIB = 96;
/**
 * The young generation's semi-spaces, held as the old generation is. Node 24's V8 sizes them from the
 * machine's memory, not the heap limit, and took about 130 MiB more than Node 20 did here for the same run
 * (measured: 300 against 170 MiB peak), which a process given 256 MB would not have to spare.
 */
const SEMI_SPACE_MIB = 8;

interface Measurement {
  records: number;
  seconds: number;
  peakRssMiB: number;
}

/**
 * The measured code is bundled as the functions are (ESBUILD_OPTIONS: the CDK construct's settings), with
 * the phone worker beside it: run from sources, tsx's loader thread and its kept function names cost the
 * pipeline about 15% of its speed and 45 MiB of memory that no deployment pays.
 */
async function bundleChild(): Promise<string> {
  const outdir = join(WORK_DIR, 'pipeline-bundle');
  await build({
    ...ESBUILD_OPTIONS,
    entryPoints: {
      'import-pipeline.child': join(import.meta.dirname, 'import-pipeline.child.ts'),
      'phone-worker': join(import.meta.dirname, '..', 'shared', 'imports', 'pipeline', 'phone-worker.ts'),
    },
    outdir,
  });
  writeFileSync(join(outdir, 'package.json'), '{"type":"module"}\n');
  return join(outdir, 'import-pipeline.child.js');
}

function measure(child: string, mode: 'raw' | 'pipeline', file: string, phoneWorkers = 1): Measurement {
  const output = execFileSync(
    process.execPath,
    [
      `--max-old-space-size=${HEAP_BUDGET_MIB}`,
      `--max-semi-space-size=${SEMI_SPACE_MIB}`,
      child,
      '--mode',
      mode,
      '--file',
      file,
      '--phone-workers',
      String(phoneWorkers),
    ],
    {
      env: { ...process.env, NODE_OPTIONS: '' },
      maxBuffer: 1 << 20,
    },
  );
  return JSON.parse(output.toString().trim().split('\n').pop() as string) as Measurement;
}

/**
 * The import pipeline in process (decode, parse, map, validate, normalise, in-file merge; no database) on
 * generated crm files, against the parser alone on the same file in the same run.
 */
export async function benchImportPipeline(options: { rows: number; memoryRows: number[] }): Promise<BenchResult[]> {
  const file = await generated(options.rows);
  const child = await bundleChild();
  const raw = measure(child, 'raw', file);
  const pipeline = measure(child, 'pipeline', file);
  const oneThread = measure(child, 'pipeline', file, 0);
  const results: BenchResult[] = [
    {
      name: `import pipeline throughput (${options.rows.toLocaleString('en-GB')} rows)`,
      value: pipeline.records / pipeline.seconds,
      baseline: raw.records / raw.seconds,
      unit: 'rows/s',
      higherIsBetter: true,
      note: 'baseline: the reader alone (decode and parse) on the same file. Both run from the bundle, as deployed. Target: pipeline at least 100,000 rows/s.',
    },
    {
      name: `import pipeline throughput on one thread (${options.rows.toLocaleString('en-GB')} rows)`,
      value: oneThread.records / oneThread.seconds,
      baseline: pipeline.records / pipeline.seconds,
      unit: 'rows/s',
      higherIsBetter: true,
      note: 'baseline: the pipeline with its phone worker, above. One thread is how the dry run runs in Lambda (phoneWorkers: 0).',
    },
  ];
  let first: Measurement | undefined;
  for (const rows of options.memoryRows) {
    const run = rows === options.rows ? pipeline : measure(child, 'pipeline', await generated(rows));
    first ??= run;
    results.push({
      name: `import pipeline peak RSS (${rows.toLocaleString('en-GB')} rows)`,
      value: run.peakRssMiB,
      baseline: first.peakRssMiB,
      unit: 'MiB',
      higherIsBetter: false,
      note: `baseline: the same pipeline at ${options.memoryRows[0]?.toLocaleString('en-GB')} rows, with a heap budget of ${HEAP_BUDGET_MIB} MiB (semi-spaces of ${SEMI_SPACE_MIB} MiB). Targets: at most 256 MB, and 5M rows no more than 1.2× 1M.`,
    });
  }
  results.push({
    name: `parser alone peak RSS (${options.rows.toLocaleString('en-GB')} rows)`,
    value: raw.peakRssMiB,
    baseline: pipeline.peakRssMiB,
    unit: 'MiB',
    higherIsBetter: false,
  });
  return results;
}
