import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { CLIENT_RATE_LIMITED, CLIENT_RATE_WINDOW_SECONDS } from '../../shared/core/http/edge';
import type { RouteDefinition } from '../../shared/core/routes/route';

export interface PerClientRateLimitProps {
  /** The routes the limit covers: those declared `limitedPerClient`. */
  routes: readonly RouteDefinition[];
  requestsPerClientPerMinute: number;
}

const RESPONSE_BODY_KEY = 'tooManyRequests';

/**
 * An AWS WAF web ACL for CloudFront (so it is created in us-east-1) with one rate-based rule: each client
 * address may make `requestsPerClientPerMinute` requests a minute to the routes limited per client, and is
 * answered 429 past that, with the API's error shape. Every other request passes. Sampled requests are
 * off: they would keep request paths, and a citizen link's path is its token.
 */
export class PerClientRateLimit extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: PerClientRateLimitProps) {
    super(scope, id);
    const prefixes = limitedPathPrefixes(props.routes);
    const matches = prefixes.map(
      (prefix): CfnWebACL.StatementProperty => ({
        byteMatchStatement: {
          fieldToMatch: { uriPath: {} },
          positionalConstraint: 'STARTS_WITH',
          searchString: prefix,
          textTransformations: [{ priority: 0, type: 'NONE' }],
        },
      }),
    );
    const [first] = matches;
    if (!first) throw new Error('No route is limited per client: the web ACL would have nothing to limit');
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      description: 'Voxcitio: limits each client address on the citizen routes',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      customResponseBodies: {
        [RESPONSE_BODY_KEY]: { contentType: 'APPLICATION_JSON', content: JSON.stringify(CLIENT_RATE_LIMITED.body) },
      },
      visibilityConfig: visibility('VoxcitioEdge'),
      rules: [
        {
          name: 'CitizenRequestsPerClient',
          priority: 0,
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              limit: props.requestsPerClientPerMinute,
              evaluationWindowSec: CLIENT_RATE_WINDOW_SECONDS,
              scopeDownStatement: matches.length === 1 ? first : { orStatement: { statements: matches } },
            },
          },
          action: {
            block: {
              customResponse: {
                responseCode: CLIENT_RATE_LIMITED.status,
                customResponseBodyKey: RESPONSE_BODY_KEY,
                responseHeaders: [{ name: 'retry-after', value: String(CLIENT_RATE_LIMITED.retryAfterSeconds) }],
              },
            },
          },
          visibilityConfig: visibility('CitizenRequestsPerClient'),
        },
      ],
    });
  }

  get webAclArn(): string {
    return this.webAcl.attrArn;
  }
}

/** Each limited route's path up to its first parameter, such as `/s/` for `/s/{token}`, once each. */
export function limitedPathPrefixes(routes: readonly RouteDefinition[]): string[] {
  return [...new Set(routes.filter((route) => route.limitedPerClient).map((route) => route.path.replace(/\{.*$/, '')))];
}

const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName,
  sampledRequestsEnabled: false,
});
