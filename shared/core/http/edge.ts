import { timingSafeEqual } from 'node:crypto';
import { ApiError } from '../errors';
import { deploymentSecret } from '../secrets/deployment-secret';

/**
 * The per-client rate limit stands in front of the API: CloudFront with an AWS WAF rate-based rule in AWS,
 * the local gateway on one machine. It adds this header, holding the deployment's edge secret, to every
 * request it forwards (replacing any the client sent). A route limited per client refuses a request without
 * it, since one sent straight to the API's own address would go round the limit.
 */
export const EDGE_HEADER = 'x-voxcitio-edge';

/** The window the per-client limit counts requests in (a WAF rate-based rule's evaluation window). */
export const CLIENT_RATE_WINDOW_SECONDS = 60;

/** What a client over its limit gets, from WAF (a custom response) and from the local gateway alike. */
export const CLIENT_RATE_LIMITED = {
  status: 429,
  retryAfterSeconds: CLIENT_RATE_WINDOW_SECONDS,
  body: {
    error: {
      code: 'too_many_requests',
      message: 'Too many requests from this address. Wait a minute, then open the link again.',
    },
  },
} as const;

export class NotThroughEdgeError extends ApiError {
  readonly status = 403;
  readonly code = 'not_through_edge';
  constructor() {
    super('This address does not serve citizen links. Open the link exactly as it was sent to you.');
  }
}

/** Throws NotThroughEdgeError unless the request came through the edge. */
export async function admitThroughEdge(headers: Readonly<Record<string, string | undefined>>): Promise<void> {
  const given = headers[EDGE_HEADER];
  if (given === undefined) throw new NotThroughEdgeError();
  const expected = Buffer.from(await deploymentSecret('edge'));
  const candidate = Buffer.from(given);
  if (candidate.length !== expected.length || !timingSafeEqual(candidate, expected)) throw new NotThroughEdgeError();
}
