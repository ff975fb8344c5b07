import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { SECRETS } from '../../shared/core/secrets/secrets';

/**
 * Unit tests: the deployment's signing secret, as Secrets Manager would return it. Code that signs cursors
 * or device tokens reads it through Powertools parameters, whose SDK client this mocks.
 */
process.env[SECRETS.signing.environmentVariable] = SECRETS.signing.logicalName;
mockClient(SecretsManagerClient)
  .on(GetSecretValueCommand, { SecretId: SECRETS.signing.logicalName })
  .resolves({ Name: SECRETS.signing.logicalName, SecretString: 'unit-tests-signing-secret-of-enough-length-0123' });
