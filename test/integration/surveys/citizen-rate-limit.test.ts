import { describe, expect, it } from 'vitest';
import { readDeploymentConfig } from '../../../local/deployment-config-file';
import { EDGE_HEADER } from '../../../shared/core/http/edge';
import { call } from '../api-client';
import { citizen, createSurvey } from '../surveys-client';

/**
 * The edge's per-client limit (WAF's rate-based rule in AWS, played by the local gateway), at the limit
 * cdk.json sets: a client over it is refused with 429 and the API's error shape, and no one else is.
 */
describe('the per-client rate limit in front of citizen links', () => {
  const limit = readDeploymentConfig().citizenRequestsPerClientPerMinute;

  async function publicLinkPath() {
    const survey = await createSurvey();
    const link = await call('PUT', `/surveys/${survey.id}/public-link`, {
      role: 'manager',
      json: { onePerDevice: false },
    });
    expect(link.status, JSON.stringify(link.body)).toBe(200);
    return `/s/${link.body.publicLink.token}`;
  }

  /** `count` requests from one address, a few at a time; the statuses in the order they were sent. */
  async function flood(from: string, count: number, path: (index: number) => string) {
    const statuses: number[] = [];
    for (let sent = 0; sent < count; sent += 10) {
      const batch = Array.from({ length: Math.min(10, count - sent) }, (_, index) =>
        citizen('GET', path(sent + index), { from, once: true }),
      );
      statuses.push(...(await Promise.all(batch)).map((response) => response.status));
    }
    return statuses;
  }

  it('refuses a client guessing tokens past its limit, while citizens at other addresses are all served', async () => {
    const path = await publicLinkPath();
    const guesses = await flood('127.0.0.2', limit + 10, (index) => `/s/guess-${index}`);
    expect(guesses.filter((status) => status === 404)).toHaveLength(limit);
    expect(guesses.filter((status) => status === 429)).toHaveLength(10);

    const refused = await citizen('GET', path, { from: '127.0.0.2', once: true });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(refused.body.error.code).toBe('too_many_requests');

    // Twenty legitimate requests while the guesser is held back: none refused (13 of 20 were, before).
    const citizens = await Promise.all(Array.from({ length: 20 }, () => citizen('GET', path, { once: true })));
    expect(citizens.map((response) => response.status)).toEqual(Array(20).fill(200));
  });

  it('counts only citizen links: the client held back there still reaches the other routes', async () => {
    await flood('127.0.0.3', limit, (index) => `/s/guess-${index}`);
    expect((await citizen('GET', '/s/one-more', { from: '127.0.0.3', once: true })).status).toBe(429);
    expect((await citizen('GET', '/health', { from: '127.0.0.3', once: true })).status).toBe(200);
    expect((await citizen('GET', '/openapi.json', { from: '127.0.0.3', once: true })).status).toBe(200);
  });

  it('replaces an edge header a client sends itself with the edge’s own', async () => {
    const path = await publicLinkPath();
    const forged = await citizen('GET', path, { headers: { [EDGE_HEADER]: 'made-up' }, once: true });
    expect(forged.status).toBe(200);
  });
});
