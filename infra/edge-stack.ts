import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { RouteDefinition } from '../shared/core/routes/route';
import { PerClientRateLimit } from './constructs/per-client-rate-limit';

export interface VoxcitioEdgeStackProps extends StackProps {
  routes: readonly RouteDefinition[];
  requestsPerClientPerMinute: number;
}

/**
 * What CloudFront needs from us-east-1 whatever region the city deploys to: the WAF web ACL with the
 * per-client rate limit. The main stack reads its ARN across regions.
 */
export class VoxcitioEdgeStack extends Stack {
  readonly rateLimit: PerClientRateLimit;

  constructor(scope: Construct, id: string, props: VoxcitioEdgeStackProps) {
    super(scope, id, props);
    this.rateLimit = new PerClientRateLimit(this, 'PerClientRateLimit', {
      routes: props.routes,
      requestsPerClientPerMinute: props.requestsPerClientPerMinute,
    });
  }
}
