import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { functionEnvironment } from '../shared/core/config/runtime-env';
import { TABLE } from '../shared/core/db/table-definition';
import { BUCKETS } from '../shared/core/files/buckets';
import { allRoutes } from '../shared/routes';
import { createApiGateway } from './api-gateway';
import { REPO_ROOT, readDeploymentConfig } from './deployment-config-file';
import { loadOrCreateSigningKey } from './local-auth';
import { dynamoDbStandIn, LOCAL_AWS_ENV } from './stand-ins/dynamodb-local';
import { S3RVER_CREDENTIALS, s3StandIn } from './stand-ins/s3';
import { secretsManagerStandIn } from './stand-ins/secrets-manager';
import type { RunningStandIn, StandIn } from './stand-ins/stand-in';

export const DEFAULT_DATA_DIR = join(REPO_ROOT, '.voxcitio-local');

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
}

export interface LocalStack {
  apiUrl: string;
  /** The environment handed to handlers: function environment plus stand-in endpoints. */
  environment: Record<string, string>;
  descriptions: string[];
  tableName: string;
  stop(): Promise<void>;
}

export class PortInUseError extends Error {}

/**
 * The whole system on one machine: every stand-in, and the declared routes served by the same handler
 * modules Lambda runs. Handlers are configured only through the environment, exactly as in Lambda: the
 * function environment the CDK stack sets, plus endpoints pointing at the stand-ins.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const config = readDeploymentConfig();
  const keys = await loadOrCreateSigningKey(options.dataDir);
  const server = createApiGateway({
    routes: allRoutes,
    keys,
    corsOrigins: config.frontendOrigins,
    routeThrottling: options.routeThrottling ?? true,
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

  /** The AWS services the handlers use, each played by a local stand-in, started in this order. */
  const standIns: StandIn[] = [dynamoDbStandIn, s3StandIn(options.log ?? (() => undefined)), secretsManagerStandIn];
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

  return {
    apiUrl,
    environment,
    descriptions: running.map((standIn) => standIn.description),
    tableName: TABLE.logicalName,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await stopAll();
    },
  };
}
