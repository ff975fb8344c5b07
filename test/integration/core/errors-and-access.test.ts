import { describe, expect, inject, it } from 'vitest';
import {
  LOCAL_CLIENT_ID,
  LOCAL_ISSUER,
  LOCAL_KEY_ID,
  loadOrCreateSigningKey,
  mintToken,
} from '../../../local/local-auth';
import { oversizedSurveyBody } from '../../support/large-surveys';
import { apiUrl, call, uniqueEmail } from '../api-client';

const someId = '01a20dfa-b7e3-70c8-a0cc-8482037c18b8';

describe('bad input gets a clear 4xx', () => {
  it('names the field of an invalid email and an invalid phone', async () => {
    const response = await call('POST', '/contacts', {
      role: 'staff',
      json: { email: 'john at example.org', phone: 'call after 6pm' },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
    expect(response.body.error.issues).toEqual([
      { path: 'body.email', message: 'expected a valid email address' },
      { path: 'body.phone', message: 'expected a valid phone number (international, or national for GB)' },
    ]);
  });

  it('refuses unknown fields, each at its own path, with the shape problems in the same answer', async () => {
    const response = await call('POST', '/contacts', {
      role: 'staff',
      json: {
        email: uniqueEmail(),
        nickname: 'Zed',
        tags: 'parks',
        consent: { email: { granted: 'yes', source: 'x' } },
      },
    });
    expect(response.status).toBe(400);
    const paths = response.body.error.issues.map((issue: { path: string }) => issue.path).sort();
    expect(paths).toEqual(['body.consent.email.granted', 'body.nickname', 'body.tags']);
  });

  it('needs an email or a phone', async () => {
    const response = await call('POST', '/contacts', { role: 'staff', json: { firstName: 'Nobody' } });
    expect(response.status).toBe(400);
    expect(response.body.error.issues).toEqual([
      { path: 'body', message: 'a contact needs an email, a mobile phone or a landline' },
    ]);
  });

  it('answers malformed JSON with 400, a missing body with 400 and a non-JSON body with 415', async () => {
    const malformed = await call('POST', '/contacts', {
      role: 'staff',
      rawBody: '{"email": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('malformed_json');
    const empty = await call('POST', '/contacts', { role: 'staff', headers: { 'content-type': 'application/json' } });
    expect(empty.status).toBe(400);
    const form = await call('POST', '/contacts', {
      role: 'staff',
      rawBody: 'email=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
  });

  it('answers an oversized body with 413', async () => {
    const response = await call('POST', '/contacts', {
      role: 'staff',
      json: { email: uniqueEmail(), firstName: 'x'.repeat(70_000) },
    });
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('payload_too_large');
  });

  it('answers a missing contact with 404 and a malformed id with 400', async () => {
    expect((await call('GET', `/contacts/${someId}`, { role: 'viewer' })).status).toBe(404);
    expect((await call('PATCH', `/contacts/${someId}`, { role: 'staff', json: { ward: 'x' } })).status).toBe(404);
    const malformed = await call('GET', '/contacts/not-an-id', { role: 'viewer' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.issues[0].path).toBe('params.id');
  });

  it('refuses unknown query parameters and out-of-range limits', async () => {
    const response = await call('GET', '/contacts?limit=1000&colour=red', { role: 'viewer' });
    expect(response.status).toBe(400);
    expect(response.body.error.issues.map((issue: { path: string }) => issue.path).sort()).toEqual([
      'query.colour',
      'query.limit',
    ]);
  });

  it('refuses a look-up combined with filters', async () => {
    const response = await call('GET', `/contacts?email=${encodeURIComponent(uniqueEmail())}&ward=Central`, {
      role: 'viewer',
    });
    expect(response.status).toBe(400);
    expect(response.body.error.issues).toEqual([
      { path: 'query.ward', message: 'cannot be combined with a look-up by email or phone' },
    ]);
  });

  it('never leaks a stack trace', async () => {
    const response = await call('POST', '/contacts', {
      role: 'staff',
      rawBody: '[',
      headers: { 'content-type': 'application/json' },
    });
    expect(JSON.stringify(response.body)).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('roles and tokens', () => {
  it('401 without a token, with a bad token, and with an expired token', async () => {
    expect((await call('GET', '/contacts')).status).toBe(401);
    expect((await call('GET', '/contacts', { token: 'not.a.jwt' })).status).toBe(401);
    const keys = await loadOrCreateSigningKey(inject('localDataDir'));
    const expired = await mintToken(keys, { role: 'admin', expiresInSeconds: -60 });
    expect((await call('GET', '/contacts', { token: expired })).status).toBe(401);
  });

  it('401 for a token signed by another key', async () => {
    const { generateKeyPair } = await import('jose');
    const other = await generateKeyPair('RS256');
    const forged = await mintToken({ privateKey: other.privateKey, publicKey: other.publicKey } as never, {
      role: 'admin',
    });
    expect((await call('GET', '/contacts', { token: forged })).status).toBe(401);
  });

  it('403 for an ID token: staff routes take access tokens only, as the stack requires their scope', async () => {
    const { SignJWT } = await import('jose');
    const keys = await loadOrCreateSigningKey(inject('localDataDir'));
    const now = Math.floor(Date.now() / 1000);
    const idToken = await new SignJWT({ 'cognito:groups': ['admin'], token_use: 'id', email: 'a@example.org' })
      .setProtectedHeader({ alg: 'RS256', kid: LOCAL_KEY_ID })
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_CLIENT_ID)
      .setSubject('00000000-0000-4000-8000-000000000001')
      .setIssuedAt(now - 5)
      .setExpirationTime(now + 600)
      .sign(keys.privateKey);
    const refused = await call('GET', '/contacts', { token: idToken });
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({ message: 'Forbidden' });
  });

  it('viewer reads; staff creates and edits; manager and admin delete', async () => {
    const email = uniqueEmail();
    expect((await call('POST', '/contacts', { role: 'viewer', json: { email } })).status).toBe(403);
    const created = await call('POST', '/contacts', { role: 'staff', json: { email } });
    expect(created.status).toBe(201);
    const path = `/contacts/${created.body.id}`;
    expect((await call('GET', path, { role: 'viewer' })).status).toBe(200);
    expect((await call('PATCH', path, { role: 'viewer', json: { ward: 'x' } })).status).toBe(403);
    expect((await call('PATCH', path, { role: 'staff', json: { ward: 'x' } })).status).toBe(200);
    const forbidden = await call('DELETE', path, { role: 'staff' });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.message).toContain('manager');
    expect((await call('DELETE', path, { role: 'manager' })).status).toBe(204);
    const again = await call('POST', '/contacts', { role: 'staff', json: { email } });
    expect((await call('DELETE', `/contacts/${again.body.id}`, { role: 'admin' })).status).toBe(204);
  });

  it('403 for a signed-in user in no role group, and the strongest of several groups counts', async () => {
    const keys = await loadOrCreateSigningKey(inject('localDataDir'));
    const noRole = await mintToken(keys, { groups: [] });
    expect((await call('GET', '/contacts', { token: noRole })).status).toBe(403);
    const several = await mintToken(keys, { groups: ['viewer', 'manager', 'some-other-group'] });
    const created = await call('POST', '/contacts', { role: 'staff', json: { email: uniqueEmail() } });
    expect((await call('DELETE', `/contacts/${created.body.id}`, { token: several })).status).toBe(204);
  });

  it('reads a group named "viewer,admin" as that one group, which is no role, not as admin', async () => {
    const keys = await loadOrCreateSigningKey(inject('localDataDir'));
    const commaGroup = await mintToken(keys, { groups: ['viewer,admin'] });
    expect((await call('GET', '/contacts', { token: commaGroup })).status).toBe(403);
    const created = await call('POST', '/contacts', { role: 'staff', json: { email: uniqueEmail() } });
    expect((await call('DELETE', `/contacts/${created.body.id}`, { token: commaGroup })).status).toBe(403);
  });
});

describe('system routes', () => {
  it('GET /health answers 200 without a token', async () => {
    const response = await call('GET', '/health');
    expect(response).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('GET /health?deep=true also reads the table, and says it answers', async () => {
    const response = await call('GET', '/health?deep=true');
    expect(response).toMatchObject({ status: 200, body: { status: 'ok', checks: { table: 'reachable' } } });
  });

  it('unknown routes get a JSON 404, known paths with another method a JSON 405 with Allow', async () => {
    const missing = await call('GET', '/nothing/here');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
    const wrongMethod = await call('PUT', `/contacts/${someId}`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('DELETE, GET, PATCH');
  });

  it('answers CORS preflights for the configured origins only', async () => {
    const preflight = (origin: string) =>
      fetch(`${apiUrl()}/contacts`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
    const allowed = await preflight('http://localhost:5173');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('values DynamoDB cannot store are a 400 with their field, not a 500 from the table', () => {
  it('a contact attribute past DynamoDB’s range of numbers', async () => {
    const response = await call('POST', '/contacts', {
      role: 'staff',
      json: { email: uniqueEmail('huge'), consent: {}, attributes: { score: 1e300 } },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.issues).toEqual([expect.objectContaining({ path: 'body.attributes.score' })]);
  });

  it('a survey under the body limit but too large for its item', async () => {
    const response = await call('POST', '/surveys', { role: 'staff', json: oversizedSurveyBody() });
    expect(response.status).toBe(400);
    expect(response.body.error.issues).toEqual([
      expect.objectContaining({ path: 'body', message: expect.stringMatching(/KiB stored/) }),
    ]);
  });
});
