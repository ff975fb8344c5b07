import { parseArgs } from 'node:util';
import { benchBundleSizes } from './bundle-size.bench';
import { benchContactsApi } from './contacts-api.bench';
import { describeMachine, printResults } from './harness';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';

console.log(`# Voxcitio benchmarks\n\nMachine: ${describeMachine()}; ${new Date().toISOString().slice(0, 10)}`);
printResults(
  'Contacts API through the local runner',
  await benchContactsApi({ count: values.quick ? 200 : 2000, concurrency: 8 }),
);
printResults('Function bundles (minified, same settings as the CDK construct)', await benchBundleSizes());
