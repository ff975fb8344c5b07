import { parseArgs } from 'node:util';
import { benchBundleSizes } from './bundle-size.bench';
import { benchContactsApi } from './contacts-api.bench';
import { describeMachine, printResults } from './harness';
import { benchImportEndToEnd } from './import-e2e.bench';
import { benchImportPipeline } from './import-pipeline.bench';
import { benchSurveys } from './surveys.bench';

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
  await benchContactsApi({ count: values.quick ? 200 : 2000, concurrency: 8 }),
);
printResults('Function bundles (minified, same settings as the CDK construct)', await benchBundleSizes());
const importRows = values.quick ? 100_000 : 1_000_000;
printResults(
  'Import pipeline in process (no database)',
  benchImportPipeline({ rows: importRows, memoryRows: values.full ? [importRows, 5_000_000] : [importRows] }),
);
printResults(
  'Import end to end through the local stack',
  await benchImportEndToEnd({ rows: values.quick ? 5_000 : 50_000 }),
);
printResults(
  'Surveys through the local stack',
  await benchSurveys(
    values.quick
      ? { submissions: 300, concurrency: 16, small: 1_000, large: 10_000 }
      : { submissions: 950, concurrency: 16, small: 1_000, large: 100_000 },
  ),
);
