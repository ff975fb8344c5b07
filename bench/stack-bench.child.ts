// Must come first: the local runtime's per-invocation store (see the module).
import '../local/concurrent-runtime';
import { duringInit } from '../local/handler-loader';

/**
 * One benchmark that starts a local stack, in a process of its own: the handlers' AWS clients are built once
 * per process from the environment of the first stack, so a second stack in the same process would be
 * reached through the first one's (stopped) endpoints. Prints its results as JSON on the last line.
 * Benchmarks load as function code does, in an init context: modules that build Powertools' metrics when they
 * load (the import job's, say) need one.
 */
const BENCHMARKS = {
  campaigns: () => import('./campaigns.bench').then((module) => module.benchCampaigns),
  contactsApi: () => import('./contacts-api.bench').then((module) => module.benchContactsApi),
  importEndToEnd: () => import('./import-e2e.bench').then((module) => module.benchImportEndToEnd),
  surveys: () => import('./surveys.bench').then((module) => module.benchSurveys),
} as const;
export type StackBenchmark = keyof typeof BENCHMARKS;

const [name, options] = process.argv.slice(2) as [StackBenchmark, string];
const load = BENCHMARKS[name] as () => Promise<unknown>;
const benchmark = (await duringInit(load)) as (options: unknown) => Promise<unknown>;
const results = await benchmark(JSON.parse(options));
process.stdout.write(`\n${JSON.stringify(results)}\n`);
