import type { RouteDefinition } from '../shared/core/routes/route';

/**
 * API Gateway's per-route throttling as a token bucket: `burstLimit` requests at once, refilled at `rateLimit`
 * a second. A request over the limit is refused with 429 before any function runs, as in AWS.
 */
export function createRouteThrottle(now: () => number = () => performance.now()) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return (route: RouteDefinition): boolean => {
    if (!route.throttle) return true;
    const { rateLimit, burstLimit } = route.throttle;
    const time = now();
    const bucket = buckets.get(route.name) ?? { tokens: burstLimit, at: time };
    bucket.tokens = Math.min(burstLimit, bucket.tokens + ((time - bucket.at) / 1000) * rateLimit);
    bucket.at = time;
    buckets.set(route.name, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  };
}
