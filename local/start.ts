// Must come first (see the module).
import './concurrent-runtime';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEPLOYMENT_CONFIG_KEYS, DeploymentConfigError } from '../shared/core/config/deployment-config';
import { removeLocalData } from './local-data';
import { DEFAULT_DATA_DIR, PortInUseError, startLocalStack } from './stack';

const { values } = parseArgs({
  options: {
    fresh: { type: 'boolean', default: false },
    port: { type: 'string' },
    'in-memory': { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
    quiet: { type: 'boolean', default: false },
    // Milliseconds before the second and third attempt of a failed trigger, such as 100,200 (tests).
    'retry-delays': { type: 'string' },
    // Milliseconds between runs of every scheduled task, instead of each one's own schedule (tests).
    'schedules-every': { type: 'string' },
    // The SES stand-in's sending rate, recipients per second (SES's MaxSendRate; 14 otherwise).
    'ses-rate': { type: 'string' },
    // Seconds a received queue message stays hidden before it comes back (tests; 6 × its consumer's timeout otherwise).
    'queue-visibility': { type: 'string' },
    // A configuration value instead of cdk.json's, as `cdk deploy -c key=value` gives one.
    context: { type: 'string', short: 'c', multiple: true },
  },
});
const context: Record<string, string> = {};
for (const pair of values.context ?? []) {
  const equals = pair.indexOf('=');
  if (equals < 1) {
    console.error(`--context takes key=value, such as -c citizenRequestsPerClientPerMinute=300; got ${pair}`);
    process.exit(2);
  }
  const key = pair.slice(0, equals);
  if (!(DEPLOYMENT_CONFIG_KEYS as string[]).includes(key)) {
    console.error(`--context: ${key} is not a configuration key; the keys are ${DEPLOYMENT_CONFIG_KEYS.join(', ')}`);
    process.exit(2);
  }
  context[key] = pair.slice(equals + 1);
}
const schedulesEveryMs = values['schedules-every'] === undefined ? undefined : Number(values['schedules-every']);
if (schedulesEveryMs !== undefined && !(schedulesEveryMs > 0)) {
  console.error(`--schedules-every takes milliseconds, such as 1000; got ${values['schedules-every']}`);
  process.exit(2);
}
const retryDelaysMs = values['retry-delays']?.split(',').map(Number);
if (retryDelaysMs?.some((delay) => !Number.isFinite(delay) || delay < 0)) {
  console.error(
    `--retry-delays takes milliseconds separated by commas, such as 100,200; got ${values['retry-delays']}`,
  );
  process.exit(2);
}
const positive = (name: 'ses-rate' | 'queue-visibility') => {
  const text = values[name];
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!(value > 0)) {
    console.error(`--${name} takes a positive number, such as 20; got ${text}`);
    process.exit(2);
  }
  return value;
};
const sesRate = positive('ses-rate');
const queueVisibility = positive('queue-visibility');
const port = Number(values.port ?? process.env.PORT ?? 3000);
const dataDir = values['data-dir'] ?? DEFAULT_DATA_DIR;
// Handlers log as in Lambda; locally only warnings and errors unless asked for more.
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';

if (values.fresh) {
  removeLocalData(dataDir);
  console.log(`Removed local data in ${dataDir} (the signing key stays: tokens already minted still work)`);
}

try {
  const stack = await startLocalStack({
    port,
    dataDir,
    inMemory: values['in-memory'],
    context,
    ...(retryDelaysMs && { retryDelaysMs }),
    ...(schedulesEveryMs && { schedulesEveryMs }),
    ...(sesRate && { ses: { maxSendRate: sesRate } }),
    ...(queueVisibility && { queueVisibilityTimeoutSeconds: queueVisibility }),
    ...(!values.quiet && { log: (line: string) => console.log(line) }),
  });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the local stack...`);
    await stack.stop();
    process.exit(process.exitCode ?? 0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // A crash must not leave DynamoDB Local (a Java process) holding its port: stop the stand-ins, then exit.
  const crash = (error: unknown) => {
    console.error('The local stack hit an unexpected error and stops:', error);
    process.exitCode = 1;
    void stop('error');
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  // Where each stand-in listens, for tools and people reading outboxes and queues (README, "Local stand-ins").
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(join(dataDir, 'stack.json'), `${JSON.stringify(standInAddresses(stack), null, 2)}\n`);
  // A machine-readable line first, for tools that start the stack and wait for it (the integration tests).
  console.log(JSON.stringify({ ready: true, apiUrl: stack.apiUrl, environment: stack.environment, dataDir }));
  console.log(`
Voxcitio is running locally.
  API            ${stack.apiUrl}   (try ${stack.apiUrl}/health and ${stack.apiUrl}/openapi.json)
  Citizen links  ${stack.apiUrl}/s/<token>   (a page in a browser; minted by POST /surveys/{id}/links)
${stack.descriptions.map((line) => `  ${line}`).join('\n')}
  Data           ${values['in-memory'] ? 'in memory (gone when stopped)' : dataDir}
  Addresses      ${join(dataDir, 'stack.json')}
Get a token:     npm run token -- --role admin
Ctrl-C stops everything.`);
} catch (error) {
  if (error instanceof PortInUseError || error instanceof DeploymentConfigError) console.error(error.message);
  else console.error('The local stack could not start:', error);
  process.exit(1);
}

/** The API's address and every stand-in's: their endpoints, the SES outbox, the queues and the topic. */
function standInAddresses(stack: { apiUrl: string; environment: Record<string, string> }) {
  const pick = (pattern: RegExp) =>
    Object.fromEntries(Object.entries(stack.environment).filter(([name]) => pattern.test(name)));
  return {
    apiUrl: stack.apiUrl,
    endpoints: pick(/^AWS_ENDPOINT_URL_/),
    sesOutbox: stack.environment.SES_OUTBOX_URL,
    smsOutbox: stack.environment.SMS_OUTBOX_URL,
    queues: pick(/_QUEUE_URL$/),
    topics: pick(/_TOPIC_ARN$/),
  };
}
