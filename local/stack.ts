import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { allRoutes } from '../shared/api/routes';
import { functionEnvironment } from '../shared/config/runtime-env';
import { TABLE } from '../shared/db/table-definition';
import { createApiGateway } from './api-gateway';
import { REPO_ROOT, readDeploymentConfig } from './deployment-config-file';
import { ensureTable, LOCAL_AWS_ENV, startDynamoDbLocal } from './dynamodb-local';
import { loadOrCreateSigningKey } from './local-auth';

export const DEFAULT_DATA_DIR = join(REPO_ROOT, '.voxcitio-local');

export interface LocalStackOptions {
  /** HTTP port of the API; 0 picks a free one. */
  port: number;
  host?: string;
  /** Where the signing key and (unless inMemory) DynamoDB's data live. */
  dataDir: string;
  inMemory?: boolean;
  log?: (line: string) => void;
}

export interface LocalStack {
  apiUrl: string;
  dynamoDbEndpoint: string;
  tableName: string;
  stop(): Promise<void>;
}

export class PortInUseError extends Error {}

/**
 * The whole system on one machine: DynamoDB Local with the declared table, and the declared routes served
 * by the same handler modules Lambda runs. Handlers are configured only through the environment, exactly
 * as in Lambda: the function environment the CDK stack sets, plus endpoints pointing at the stand-ins.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const config = readDeploymentConfig();
  const keys = await loadOrCreateSigningKey(options.dataDir);
  const server = createApiGateway({
    routes: allRoutes,
    keys,
    corsOrigins: config.frontendOrigins,
    ...(options.log && { onRequest: options.log }),
  });
  // Claim the API port first: if it is taken, fail before starting Java.
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

  let dynamoDb: Awaited<ReturnType<typeof startDynamoDbLocal>>;
  try {
    dynamoDb = await startDynamoDbLocal(options.inMemory ? {} : { dataDir: join(options.dataDir, 'dynamodb') });
    await ensureTable(dynamoDb.endpoint, TABLE.logicalName);
  } catch (error) {
    server.close();
    throw error;
  }
  Object.assign(process.env, {
    ...LOCAL_AWS_ENV,
    ...functionEnvironment(config, { tableName: TABLE.logicalName }),
    AWS_ENDPOINT_URL_DYNAMODB: dynamoDb.endpoint,
  });

  return {
    apiUrl: `http://${options.host ?? 'localhost'}:${apiPort}`,
    dynamoDbEndpoint: dynamoDb.endpoint,
    tableName: TABLE.logicalName,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await dynamoDb.stop();
    },
  };
}
