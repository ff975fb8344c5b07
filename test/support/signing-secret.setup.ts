import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { SECRETS } from '../../shared/core/secrets/secrets';

/**
 * Unit tests: the deployment's secrets, as Secrets Manager would return them. Code that signs cursors or
 * device tokens, or checks a request came through the edge, reads them through Powertools parameters, whose SDK client this mocks.
 */
export const UNIT_TEST_SECRETS = {
  signing: 'unit-tests-signing-secret-of-enough-length-0123',
  edge: 'unit-tests-edge-secret-that-cloudfront-would-add',
} as const;

const secretsManager = mockClient(SecretsManagerClient);
for (const [name, value] of Object.entries(UNIT_TEST_SECRETS) as [keyof typeof SECRETS, string][]) {
  process.env[SECRETS[name].environmentVariable] = SECRETS[name].logicalName;
  secretsManager
    .on(GetSecretValueCommand, { SecretId: SECRETS[name].logicalName })
    .resolves({ Name: SECRETS[name].logicalName, SecretString: value });
}
