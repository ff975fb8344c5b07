import { describe, expect, it } from 'vitest';
import { createRouteThrottle } from '../../../local/route-throttle';
import { routes } from '../../../shared/routes';

describe('the local per-route throttle', () => {
  it('lets a burst through, then refills at the rate, as API Gateway does', () => {
    let time = 0;
    const admit = createRouteThrottle(() => time);
    const route = { ...routes.getCitizenSurvey, throttle: { rateLimit: 10, burstLimit: 3 } };
    expect([admit(route), admit(route), admit(route), admit(route)]).toEqual([true, true, true, false]);
    time += 100; // one token back after 1/10 s
    expect([admit(route), admit(route)]).toEqual([true, false]);
    time += 10_000;
    expect([admit(route), admit(route), admit(route), admit(route)]).toEqual([true, true, true, false]);
  });

  it('leaves routes without a throttle of their own alone', () => {
    const admit = createRouteThrottle(() => 0);
    for (let i = 0; i < 1000; i++) expect(admit(routes.health)).toBe(true);
  });
});
