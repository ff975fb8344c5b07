import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { SECRETS, type SecretName } from './secrets';

const SECRET_CACHE_SECONDS = 15 * 60;
const SHORTEST_SECRET = 32;

/**
 * One of the deployment's secrets, found through the environment variable its declaration names. Read from
 * Secrets Manager once per execution environment and kept for a while (Powertools parameters caches it);
 * Powertools keeps the SDK's error as the cause, so an unreachable Secrets Manager answers 503 (isOutage).
 */
export async function deploymentSecret(name: SecretName): Promise<string> {
  const { environmentVariable } = SECRETS[name];
  const id = process.env[environmentVariable];
  if (!id) throw new Error(`${environmentVariable} is not set`);
  const secret = await getSecret(id, { maxAge: SECRET_CACHE_SECONDS });
  if (typeof secret !== 'string' || secret.length < SHORTEST_SECRET)
    throw new Error(`The secret ${id} is not a ${name} secret of at least ${SHORTEST_SECRET} characters`);
  return secret;
}
