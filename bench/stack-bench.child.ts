import { benchContactsApi } from './contacts-api.bench';
import { benchImportEndToEnd } from './import-e2e.bench';
import { benchSurveys } from './surveys.bench';

/**
 * One benchmark that starts a local stack, in a process of its own: the handlers' AWS clients are built once
 * per process from the environment of the first stack, so a second stack in the same process would be
 * reached through the first one's (stopped) endpoints. Prints its results as JSON on the last line.
 */
const BENCHMARKS = {
  contactsApi: benchContactsApi,
  importEndToEnd: benchImportEndToEnd,
  surveys: benchSurveys,
} as const;
export type StackBenchmark = keyof typeof BENCHMARKS;

const [name, options] = process.argv.slice(2) as [StackBenchmark, string];
const results = await (BENCHMARKS[name] as (options: unknown) => Promise<unknown>)(JSON.parse(options));
process.stdout.write(`\n${JSON.stringify(results)}\n`);
