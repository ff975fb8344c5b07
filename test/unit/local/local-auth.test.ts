import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import {
  LOCAL_CLIENT_ID,
  LOCAL_ISSUER,
  LOCAL_KEY_ID,
  loadOrCreateSigningKey,
  mintToken,
  SIGNING_KEY_FILE,
  verifyBearer,
} from '../../../local/local-auth';
import { STAFF_TOKEN_SCOPE } from '../../../shared/core/http/auth';

const dataDir = mkdtempSync(join(tmpdir(), 'voxcitio-auth-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const now = () => Math.floor(Date.now() / 1000);
const accessClaims = (): JWTPayload => ({
  sub: 'user-1',
  iss: LOCAL_ISSUER,
  client_id: LOCAL_CLIENT_ID,
  token_use: 'access',
  scope: STAFF_TOKEN_SCOPE,
  'cognito:groups': ['admin'],
  iat: now() - 10,
  exp: now() + 3600,
});

async function signed(claims: JWTPayload, header: Record<string, unknown> = { alg: 'RS256', kid: LOCAL_KEY_ID }) {
  const keys = await loadOrCreateSigningKey(dataDir);
  return new SignJWT(claims).setProtectedHeader(header as { alg: string }).sign(keys.privateKey);
}
const verify = async (token: string) => verifyBearer(await loadOrCreateSigningKey(dataDir), `Bearer ${token}`);

describe('the local JWT authorizer refuses what API Gateway refuses', () => {
  it('accepts a Cognito-shaped access token, signed RS256 with the key id', async () => {
    const minted = await mintToken(await loadOrCreateSigningKey(dataDir), { role: 'staff' });
    const header = JSON.parse(Buffer.from(minted.split('.')[0] as string, 'base64url').toString('utf8'));
    expect(header).toEqual({ alg: 'RS256', kid: LOCAL_KEY_ID });
    const verified = await verify(minted);
    expect(verified?.claims['cognito:groups']).toBe('[staff]');
    expect(verified?.scopes).toContain(STAFF_TOKEN_SCOPE);
    expect(await verify(await signed(accessClaims()))).toBeTruthy();
  });

  it.each([
    ['no exp', () => signed({ ...accessClaims(), exp: undefined })],
    ['an exp in the past', () => signed({ ...accessClaims(), exp: now() - 5 })],
    ['no iat', () => signed({ ...accessClaims(), iat: undefined })],
    ['an iat in the future', () => signed({ ...accessClaims(), iat: now() + 600 })],
    ['no kid', () => signed(accessClaims(), { alg: 'RS256' })],
    ['an unknown kid', () => signed(accessClaims(), { alg: 'RS256', kid: 'someone-else' })],
    ['another issuer', () => signed({ ...accessClaims(), iss: 'https://issuer.example' })],
    ['an aud for another client, though client_id matches', () => signed({ ...accessClaims(), aud: 'other-client' })],
    ['neither aud nor a matching client_id', () => signed({ ...accessClaims(), client_id: 'other-client' })],
  ])('refuses a token with %s', async (_, token) => {
    expect(await verify(await token())).toBeUndefined();
  });

  it('refuses an ES256 token, as Cognito signs RS256 only', async () => {
    const other = await generateKeyPair('ES256');
    const token = await new SignJWT(accessClaims())
      .setProtectedHeader({ alg: 'ES256', kid: LOCAL_KEY_ID })
      .sign(other.privateKey);
    expect(await verify(token)).toBeUndefined();
  });

  it('verifies an ID token but gives it no staff scope, so staff routes refuse it', async () => {
    const { scope: _scope, client_id: _client, ...rest } = accessClaims();
    const idToken = await signed({ ...rest, token_use: 'id', aud: LOCAL_CLIENT_ID, email: 'a@example.org' });
    expect((await verify(idToken))?.scopes).toEqual([]);
  });

  it('replaces a key from before tokens were RS256', async () => {
    const legacyDir = mkdtempSync(join(tmpdir(), 'voxcitio-auth-legacy-'));
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    writeFileSync(join(legacyDir, SIGNING_KEY_FILE), JSON.stringify(await exportJWK(privateKey)));
    await loadOrCreateSigningKey(legacyDir);
    expect(JSON.parse(readFileSync(join(legacyDir, SIGNING_KEY_FILE), 'utf8')).kty).toBe('RSA');
    rmSync(legacyDir, { recursive: true, force: true });
  });
});
