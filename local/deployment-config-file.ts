import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  DEPLOYMENT_CONFIG_KEYS,
  type DeploymentConfig,
  parseDeploymentConfig,
} from '../shared/core/config/deployment-config';

/** The checkout: the nearest folder holding cdk.json, from wherever this module runs (its source, or a bundle of it). */
export const REPO_ROOT = findRepoRoot(import.meta.dirname);
/** Where the local stack keeps its data and the local token signing key (git-ignored). */
export const DEFAULT_DATA_DIR = join(REPO_ROOT, '.voxcitio-local');

/** The deployment configuration as `cdk deploy` would see it: the context in cdk.json, validated the same way. */
export function readDeploymentConfig(overrides: Record<string, unknown> = {}): DeploymentConfig {
  const cdkJson = JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  const context = { ...cdkJson.context, ...overrides };
  return parseDeploymentConfig(Object.fromEntries(DEPLOYMENT_CONFIG_KEYS.map((key) => [key, context[key]])));
}

function findRepoRoot(from: string): string {
  for (let folder = from; ; folder = dirname(folder)) {
    if (existsSync(join(folder, 'cdk.json'))) return folder;
    if (dirname(folder) === folder) throw new Error(`No cdk.json above ${from}: run Voxcitio from its checkout.`);
  }
}
