import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SECRETS } from '../../shared/core/secrets/secrets';
import type { StandIn } from './stand-in';

/**
 * A Secrets Manager stand-in answering GetSecretValue (the AWS JSON 1.1 protocol the SDK speaks) for the
 * declared secrets. Values are generated on first start and kept in the data folder, so that cursors and
 * device tokens signed before a restart still verify; in memory, they live as long as the stack.
 */
export const secretsManagerStandIn: StandIn = {
  name: 'secrets-manager',
  async start({ dataDir }) {
    const values = loadOrCreateValues(dataDir);
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => {
        body += chunk.toString('utf8');
      });
      request.on('end', () => {
        const answer = (status: number, payload: unknown) => {
          response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
          response.end(JSON.stringify(payload));
        };
        const target = request.headers['x-amz-target'];
        if (target !== 'secretsmanager.GetSecretValue')
          return answer(400, { __type: 'InvalidRequestException', message: `${target} is not played here` });
        const { SecretId } = JSON.parse(body || '{}') as { SecretId?: string };
        const name = Object.keys(values).find((candidate) => candidate === SecretId);
        if (!name) return answer(400, { __type: 'ResourceNotFoundException', message: `No secret named ${SecretId}` });
        answer(200, {
          ARN: `arn:aws:secretsmanager:local:000000000000:secret:${name}`,
          Name: name,
          SecretString: values[name],
          VersionId: randomUUID(),
          VersionStages: ['AWSCURRENT'],
          CreatedDate: 0,
        });
      });
    });
    server.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return {
      environment: {
        AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoint,
        ...Object.fromEntries(Object.values(SECRETS).map((secret) => [secret.environmentVariable, secret.logicalName])),
      },
      description: `Secrets Manager ${endpoint}   secrets ${Object.values(SECRETS)
        .map((secret) => secret.logicalName)
        .join(', ')}`,
      stop: () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    };
  },
};

function loadOrCreateValues(dataDir: string | undefined): Record<string, string> {
  const file = dataDir ? join(dataDir, 'secrets.json') : undefined;
  const kept = file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
  const values = Object.fromEntries(
    Object.values(SECRETS).map((secret) => [
      secret.logicalName,
      kept[secret.logicalName] ?? randomBytes(48).toString('base64url'),
    ]),
  );
  if (file && dataDir) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(values, null, 2), { mode: 0o600 });
  }
  return values;
}
