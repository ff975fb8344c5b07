import { CLIENT_RATE_WINDOW_SECONDS } from '../shared/core/http/edge';

/** Clients kept in memory before those with nothing left in the window are forgotten. */
const CLIENTS_BEFORE_SWEEP = 10_000;

/**
 * The edge's per-client limit as an AWS WAF rate-based rule keeps it: each client address may make
 * `requestsPerWindow` requests within any window of `windowSeconds`; past that, its requests are refused
 * until older ones leave the window. Other clients are not affected.
 */
export function createClientRateLimit(
  requestsPerWindow: number,
  windowSeconds: number = CLIENT_RATE_WINDOW_SECONDS,
  now: () => number = () => performance.now(),
) {
  const windowMs = windowSeconds * 1000;
  const requests = new Map<string, number[]>();
  return (client: string): boolean => {
    const time = now();
    if (requests.size > CLIENTS_BEFORE_SWEEP)
      for (const [known, times] of requests) if (time - (times.at(-1) ?? 0) >= windowMs) requests.delete(known);
    const recent = (requests.get(client) ?? []).filter((at) => time - at < windowMs);
    requests.set(client, recent);
    if (recent.length >= requestsPerWindow) return false;
    recent.push(time);
    return true;
  };
}
