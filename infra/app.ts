import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import {
  DEPLOYMENT_CONFIG_KEYS,
  type DeploymentConfig,
  DeploymentConfigError,
  parseDeploymentConfig,
} from '../shared/core/config/deployment-config';
import { allRoutes } from '../shared/routes';
import { VoxcitioEdgeStack } from './edge-stack';
import { VoxcitioStack } from './voxcitio-stack';

/** CloudFront takes its WAF web ACL from here only. */
const CLOUDFRONT_REGION = 'us-east-1';

/** Reads and validates the deployment configuration from CDK context (cdk.json, `-c key=value`). */
export function configFromContext(app: App): DeploymentConfig {
  return parseDeploymentConfig(
    Object.fromEntries(DEPLOYMENT_CONFIG_KEYS.map((key) => [key, app.node.tryGetContext(key)])),
  );
}

/**
 * The app: the city's stack in the region it chose, and the edge stack in us-east-1 holding the WAF web ACL
 * its CloudFront distribution uses; and the AwsSolutions checks. Tests build it the same way.
 */
export function buildApp(app: App): { app: App; stack: VoxcitioStack; edgeStack: VoxcitioEdgeStack } {
  const config = configFromContext(app);
  // Explicit regions, as references across regions need; no account look-up, so synth works offline and the
  // templates deploy into any account.
  const edgeStack = new VoxcitioEdgeStack(app, 'VoxcitioEdge', {
    env: { region: CLOUDFRONT_REGION },
    crossRegionReferences: true,
    description: 'Voxcitio: the per-client rate limit in front of citizen links (WAF for CloudFront)',
    routes: allRoutes,
    requestsPerClientPerMinute: config.citizenRequestsPerClientPerMinute,
  });
  const stack = new VoxcitioStack(app, 'Voxcitio', {
    env: { region: config.region },
    crossRegionReferences: true,
    config,
    webAclArn: edgeStack.rateLimit.webAclArn,
    description: 'Voxcitio: consultation and citizen-engagement platform',
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack, edgeStack };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    buildApp(new App()).app.synth();
  } catch (error) {
    if (error instanceof DeploymentConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
