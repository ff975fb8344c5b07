import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../infra/app';

const cdkJson = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'cdk.json'), 'utf8')) as {
  context: Record<string, unknown>;
};

/**
 * The app as `cdk synth` builds it, from cdk.json's context plus overrides. Bundling is skipped
 * (`aws:cdk:bundling-stacks: []`): these tests read the template, and `npx cdk synth` in CI bundles for real.
 */
export function synthApp(context: Record<string, unknown> = {}) {
  const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [], ...context } });
  return buildApp(app);
}

/** Synthesises, turning a failed validation (cdk-nag) into an error that carries the report. */
export function synthesise(app: App) {
  try {
    return app.synth();
  } catch (error) {
    const report = /found in: (\S+)/.exec((error as Error).message)?.[1];
    if (report) throw new Error(`cdk-nag findings:\n${readFileSync(report, 'utf8')}`);
    throw error;
  }
}

let cached: { template: Template; stack: ReturnType<typeof synthApp>['stack'] } | undefined;
export function defaultTemplate() {
  if (!cached) {
    const { stack } = synthApp();
    cached = { template: Template.fromStack(stack), stack };
  }
  return cached;
}
