import { randomUUID, type webcrypto } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, jwtVerify, SignJWT } from 'jose';
import { STAFF_TOKEN_SCOPE } from '../shared/core/http/auth';
import type { Role } from '../shared/core/http/role-names';

/**
 * Stands in for Cognito and API Gateway's JWT authorizer on one machine. Tokens are signed as Cognito signs
 * them (RS256, with a `kid`) and carry the claims of a Cognito access token; they are verified as the
 * authorizer verifies them, refusing what it refuses: another algorithm, a missing or unknown `kid`, a missing
 * or past `exp`, an `iat` in the future, an `aud` that does not match (even when `client_id` would), and, on
 * staff routes, a token without the staff scope (an ID token). The key lives in the data folder so tokens
 * survive restarts.
 */
export const LOCAL_ISSUER = 'https://cognito-idp.local.amazonaws.com/voxcitio-local';
export const LOCAL_CLIENT_ID = 'voxcitio-local-client';
export const LOCAL_KEY_ID = 'voxcitio-local';
/** The signing key's file in the data folder; `start:fresh` keeps it. */
export const SIGNING_KEY_FILE = 'local-auth-key.json';
const ALGORITHM = 'RS256';

interface KeyPair {
  privateKey: webcrypto.CryptoKey;
  publicKey: webcrypto.CryptoKey;
}

export async function loadOrCreateSigningKey(dataDir: string): Promise<KeyPair> {
  const file = join(dataDir, SIGNING_KEY_FILE);
  // A key from before tokens were RS256 (an EC key) is replaced: tokens it signed stop working.
  if (!existsSync(file) || (JSON.parse(readFileSync(file, 'utf8')) as JWK).kty !== 'RSA') {
    const { privateKey } = await generateKeyPair(ALGORITHM, { extractable: true, modulusLength: 2048 });
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(await exportJWK(privateKey)), { mode: 0o600 });
  }
  const jwk = JSON.parse(readFileSync(file, 'utf8')) as JWK;
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = jwk;
  return {
    privateKey: (await importJWK(jwk, ALGORITHM)) as webcrypto.CryptoKey,
    publicKey: (await importJWK(publicJwk, ALGORITHM)) as webcrypto.CryptoKey,
  };
}

export async function mintToken(
  keys: KeyPair,
  options: { role?: Role; groups?: string[]; username?: string; expiresInSeconds?: number },
): Promise<string> {
  const groups = options.groups ?? (options.role ? [options.role] : []);
  const username = options.username ?? `local-${options.role ?? 'user'}`;
  return new SignJWT({
    'cognito:groups': groups,
    client_id: LOCAL_CLIENT_ID,
    token_use: 'access',
    scope: STAFF_TOKEN_SCOPE,
    username,
    auth_time: Math.floor(Date.now() / 1000),
  })
    .setProtectedHeader({ alg: ALGORITHM, kid: LOCAL_KEY_ID })
    .setSubject(`00000000-0000-4000-8000-${Buffer.from(username).toString('hex').padEnd(12, '0').slice(0, 12)}`)
    .setIssuer(LOCAL_ISSUER)
    .setIssuedAt()
    .setJti(randomUUID())
    .setExpirationTime(`${options.expiresInSeconds ?? 8 * 3600}s`)
    .sign(keys.privateKey);
}

/** The claims as API Gateway hands them to Lambda: every value a string, arrays as `[a b]`. */
export async function verifyBearer(keys: KeyPair, authorization: string | undefined) {
  const token = /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1];
  if (!token) return undefined;
  try {
    const { payload, protectedHeader } = await jwtVerify(token, keys.publicKey, {
      issuer: LOCAL_ISSUER,
      algorithms: [ALGORITHM],
      requiredClaims: ['exp', 'iat'],
    });
    if (protectedHeader.kid !== LOCAL_KEY_ID) return undefined;
    if ((payload.iat as number) > Math.floor(Date.now() / 1000)) return undefined;
    // API Gateway reads client_id only when there is no aud.
    const audience = payload.aud === undefined ? [payload.client_id] : [payload.aud].flat();
    if (!audience.includes(LOCAL_CLIENT_ID)) return undefined;
    const claims: Record<string, string> = {};
    for (const [name, value] of Object.entries(payload))
      claims[name] = Array.isArray(value) ? `[${value.join(' ')}]` : String(value);
    return { claims, scopes: typeof payload.scope === 'string' ? payload.scope.split(' ') : [] };
  } catch {
    return undefined;
  }
}
