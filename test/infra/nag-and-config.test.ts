import { App, Stack, Validations } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { DeploymentConfigError } from '../../shared/core/config/deployment-config';
import { synthApp, synthesise } from './synth';

describe('cdk-nag AwsSolutions', () => {
  it('finds nothing unacknowledged in the app', () => {
    const { app } = synthApp();
    expect(() => synthesise(app)).not.toThrow();
  });

  it('would stop synth on a finding (the check is live)', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    new Bucket(new Stack(app, 'Careless'), 'OpenBucket');
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => synthesise(app)).toThrow(/AwsSolutions-S1/);
  });
});

describe('configuration from CDK context', () => {
  it('stops synth with every wrong key named', () => {
    const attempt = () => synthApp({ defaultPhoneCountry: 'gb', dataRetentionDays: 'soon', cityName: '' });
    expect(attempt).toThrow(DeploymentConfigError);
    expect(attempt).toThrow(/defaultPhoneCountry/);
    expect(attempt).toThrow(/dataRetentionDays/);
    expect(attempt).toThrow(/cityName/);
  });
});
