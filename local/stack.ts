// Must come first (see the module).
import './concurrent-runtime';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { functionEnvironment } from '../shared/core/config/runtime-env';
import { TABLE } from '../shared/core/db/table-definition';
import type { TableItems } from '../shared/core/db/table-items';
import { BUCKET_TRIGGERS, BUCKETS, TRIGGER_FAILURES } from '../shared/core/files/buckets';
import { QUEUE_TRIGGERS } from '../shared/core/queues/queues';
import { SCHEDULED_TASKS } from '../shared/core/schedules';
import { deploymentSecret } from '../shared/core/secrets/deployment-secret';
import { allRoutes } from '../shared/routes';
import { createApiGateway } from './api-gateway';
import { readDeploymentConfig } from './deployment-config-file';
import { duringInit, invoke, lambdaContext, loadHandler, runningFunction } from './handler-loader';
import { loadOrCreateSigningKey } from './local-auth';
import { enforceTableGrants } from './local-iam';
import { dynamoDbStandIn, LOCAL_AWS_ENV } from './stand-ins/dynamodb-local';
import { S3RVER_CREDENTIALS, s3StandIn } from './stand-ins/s3';
import { secretsManagerStandIn } from './stand-ins/secrets-manager';
import { sesStandIn } from './stand-ins/ses';
import { smsStandIn } from './stand-ins/sms';
import { type RunningQueues, sqsStandIn } from './stand-ins/sqs';
import type { RunningStandIn, StandIn } from './stand-ins/stand-in';

export { DEFAULT_DATA_DIR } from './deployment-config-file';

export interface LocalStackOptions {
  /** HTTP port of the API; 0 picks a free one. */
  port: number;
  host?: string;
  /** Where the signing key and (unless inMemory) the stand-ins' data live. */
  dataDir: string;
  inMemory?: boolean;
  log?: (line: string) => void;
  /** Per-route throttles as in AWS (the default); benchmarks measuring capacity turn them off. */
  routeThrottling?: boolean;
  /** Waits before retrying a failed asynchronous invocation; Lambda's (about 1 and 2 minutes) by default. */
  retryDelaysMs?: readonly number[];
  /** Runs every scheduled task this often instead of on its own schedule (tests). */
  schedulesEveryMs?: number;
  /** Configuration values instead of cdk.json's, as `cdk deploy -c key=value` gives them. */
  context?: Record<string, string>;
  /** The SES stand-in's sending rate (recipients per second) and 24-hour quota; SES's sandbox-free defaults otherwise. */
  ses?: { maxSendRate?: number; max24HourSend?: number };
  /** Seconds a received queue message stays hidden, instead of six times its consumer's timeout (tests). */
  queueVisibilityTimeoutSeconds?: number;
}

export interface LocalStack {
  apiUrl: string;
  /** The environment handed to handlers: function environment plus stand-in endpoints. */
  environment: Record<string, string>;
  descriptions: string[];
  tableName: string;
  /** The queues and topics of the SQS stand-in (depths, publishing to a topic). */
  queues: RunningQueues;
  stop(): Promise<void>;
}

/** What the SES stand-in allows unless told otherwise: SES's usual production quotas. */
export const LOCAL_SES_QUOTA = { maxSendRate: 14, max24HourSend: 50_000 };

export class PortInUseError extends Error {}

/**
 * The whole system on one machine: every stand-in, and the declared routes served by the same handler
 * modules Lambda runs. Handlers are configured only through the environment, exactly as in Lambda: the
 * function environment the CDK stack sets, plus endpoints pointing at the stand-ins.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const config = readDeploymentConfig(options.context);
  const keys = await loadOrCreateSigningKey(options.dataDir);
  let ready = false;
  const server = createApiGateway({
    routes: allRoutes,
    keys,
    corsOrigins: config.frontendOrigins,
    routeThrottling: options.routeThrottling ?? true,
    // CloudFront reads the edge secret when it is deployed; here, from the Secrets Manager stand-in once it runs.
    edge: {
      requestsPerClientPerMinute: config.citizenRequestsPerClientPerMinute,
      secret: () => deploymentSecret('edge'),
    },
    isReady: () => ready,
    ...(options.log && { onRequest: options.log }),
  });
  // Claim the API port first: if it is taken, fail before starting any stand-in.
  server.listen(options.port, options.host ?? '127.0.0.1');
  try {
    await once(server, 'listening');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new PortInUseError(
        `Port ${options.port} is already in use. Stop what uses it, or pick another: PORT=3001 npm start`,
      );
    throw error;
  }
  const apiPort = (server.address() as AddressInfo).port;

  let queues: RunningQueues | undefined;
  /** The AWS services the handlers use, each played by a local stand-in, started in this order. */
  const standIns: StandIn[] = [
    dynamoDbStandIn,
    s3StandIn(options.log ?? (() => undefined), options.retryDelaysMs),
    secretsManagerStandIn,
    sqsStandIn(
      {
        log: options.log ?? (() => undefined),
        ...(options.queueVisibilityTimeoutSeconds !== undefined && {
          visibilityTimeoutSeconds: options.queueVisibilityTimeoutSeconds,
        }),
      },
      (started) => {
        queues = started;
      },
    ),
    // SES's configuration set publishes its events to the SNS topic the SQS stand-in holds.
    sesStandIn(() => ({
      ...LOCAL_SES_QUOTA,
      ...options.ses,
      publishEvent: (record) => queues?.publish('messageEvents', record),
    })),
    // Replies to the campaign number reach the two-way topic, as End User Messaging publishes them.
    smsStandIn(() => ({
      partsPerSecond: config.smsPartsPerSecond,
      publishReply: (payload) => queues?.publish('smsReplies', payload),
    })),
  ];
  const running: RunningStandIn[] = [];
  const stopAll = async () => {
    for (const standIn of running.reverse()) await standIn.stop();
  };
  try {
    for (const standIn of standIns)
      running.push(
        await standIn.start({
          dataDir: options.inMemory ? undefined : options.dataDir,
          resources: { tableName: TABLE.logicalName },
        }),
      );
  } catch (error) {
    server.close();
    await stopAll();
    throw error;
  }
  const apiUrl = `http://${options.host ?? 'localhost'}:${apiPort}`;
  const environment = {
    ...LOCAL_AWS_ENV,
    // As in AWS, citizen links are served by the API itself unless citizenBaseUrl says otherwise.
    CITIZEN_BASE_URL: apiUrl,
    // Metrics are log lines CloudWatch reads; with no CloudWatch here they would only crowd the console.
    POWERTOOLS_METRICS_DISABLED: 'true',
    ...S3RVER_CREDENTIALS,
    ...functionEnvironment(config, { tableName: TABLE.logicalName, importsBucket: BUCKETS.imports.logicalName }),
    ...Object.assign({}, ...running.map((standIn) => standIn.environment)),
  };
  Object.assign(process.env, environment);
  const declarations = new Map<string, TableItems | undefined>([
    ...allRoutes.map((route) => [route.name, route.items] as const),
    ...BUCKET_TRIGGERS.map((trigger) => [trigger.name, trigger.items] as const),
    [TRIGGER_FAILURES.name, TRIGGER_FAILURES.items],
    ...SCHEDULED_TASKS.map((task) => [task.name, task.items] as const),
    ...QUEUE_TRIGGERS.map((trigger) => [trigger.name, trigger.items] as const),
  ]);
  // Imported once the environment is set, as a handler would import it.
  const { documentClient } = await duringInit(() => import('../shared/core/db/client'));
  enforceTableGrants(documentClient, () => {
    const name = runningFunction();
    return name === undefined ? undefined : { name, items: declarations.get(name) };
  });
  const stopSchedules = runScheduledTasks(options.schedulesEveryMs, options.log ?? (() => undefined));
  // Requests, /health among them, are served from here on: every stand-in and the table are ready.
  ready = true;

  return {
    apiUrl,
    environment,
    descriptions: running.map((standIn) => standIn.description),
    tableName: TABLE.logicalName,
    queues: queues as RunningQueues,
    stop: async () => {
      stopSchedules();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await stopAll();
    },
  };
}

/**
 * The declared scheduled tasks, each run on its schedule as EventBridge runs it in AWS (one run at a time: a
 * run still going when the next is due makes that one wait for the next tick).
 */
function runScheduledTasks(everyMs: number | undefined, log: (line: string) => void): () => void {
  const timers = SCHEDULED_TASKS.map((task) => {
    let running = false;
    return setInterval(
      async () => {
        if (running) return;
        running = true;
        try {
          const handler = await loadHandler(task.handler);
          await invoke(
            handler,
            { source: 'aws.events', 'detail-type': 'Scheduled Event', detail: {} },
            lambdaContext(task.name, task.timeoutSeconds * 1000),
          );
        } catch (error) {
          log(`${task.name} failed: ${error}`);
        } finally {
          running = false;
        }
      },
      everyMs ?? task.everyMinutes * 60_000,
    );
  });
  return () => {
    for (const timer of timers) clearInterval(timer);
  };
}
