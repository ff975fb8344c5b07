import { cpus, totalmem } from 'node:os';

/** A benchmark result: what was measured, the same-run baseline it is compared with, and their ratio. */
export interface BenchResult {
  name: string;
  value: number;
  baseline: number;
  unit: string;
  /** How to read the ratio: whether a higher value is better. */
  higherIsBetter: boolean;
  note?: string;
}

export function describeMachine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

export function printResults(title: string, results: BenchResult[]): void {
  console.log(`\n## ${title}\n`);
  console.log('| benchmark | value | baseline (same run) | ratio |');
  console.log('|---|---:|---:|---:|');
  for (const r of results) {
    const ratio = r.value / r.baseline;
    console.log(
      `| ${r.name} | ${format(r.value)} ${r.unit} | ${format(r.baseline)} ${r.unit} | ${ratio.toFixed(2)}× ${r.higherIsBetter ? '(higher is better)' : '(lower is better)'} |`,
    );
  }
  for (const r of results.filter((result) => result.note)) console.log(`\n- ${r.name}: ${r.note}`);
}

const format = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-GB') : n.toFixed(1));

/** Runs `task(i)` for i in [0, count) with at most `concurrency` in flight; returns operations per second. */
export async function throughput(
  count: number,
  concurrency: number,
  task: (i: number) => Promise<void>,
): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await task(next++);
    }),
  );
  return count / ((performance.now() - started) / 1000);
}
