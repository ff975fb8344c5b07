import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import {
  DEPLOYMENT_CONFIG_KEYS,
  type DeploymentConfig,
  DeploymentConfigError,
  parseDeploymentConfig,
} from '../shared/core/config/deployment-config';
import { VoxcitioStack } from './voxcitio-stack';

/** Reads and validates the deployment configuration from CDK context (cdk.json, `-c key=value`). */
export function configFromContext(app: App): DeploymentConfig {
  return parseDeploymentConfig(
    Object.fromEntries(DEPLOYMENT_CONFIG_KEYS.map((key) => [key, app.node.tryGetContext(key)])),
  );
}

/** The app with its one stack and the AwsSolutions checks; tests build it the same way. */
export function buildApp(app: App): { app: App; stack: VoxcitioStack } {
  const stack = new VoxcitioStack(app, 'Voxcitio', {
    config: configFromContext(app),
    description: 'Voxcitio: consultation and citizen-engagement platform',
    // No account or region look-ups: synth works offline and the template deploys into any account.
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
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
