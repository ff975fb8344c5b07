import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layering docs/architecture.md describes, checked over every module under shared/: domain rules import
 * nothing from http or storage, storage imports nothing from http or services, and the core imports no
 * capability.
 */
const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const SHARED = join(ROOT, 'shared');

type Layer = 'support' | 'http' | 'routes' | 'wiring' | 'service' | 'storage' | 'domain';

const modules = (dir = SHARED): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? modules(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [relative(ROOT, join(dir, entry.name))]
        : [],
  );

/** Plumbing every layer may use: errors with a meaning for the caller, retries, settings, logs, declarations. */
const SUPPORT = [
  /^shared\/core\/(errors|retry|concurrency|storable-values)\.ts$/,
  /^shared\/core\/(config|observability)\//,
  /^shared\/core\/files\/(buckets|csv-writer)\.ts$/,
  /^shared\/core\/schedules\.ts$/,
  /^shared\/core\/db\/table-items\.ts$/,
];

/** A module's layer, from where it sits and what its name ends with (the conventions of docs/architecture.md). */
function layerOf(file: string): Layer {
  if (SUPPORT.some((pattern) => pattern.test(file))) return 'support';
  if (file.startsWith('shared/core/http/') || file.endsWith('/citizen-http.ts')) return 'http';
  if (file.endsWith('/routes.ts') || file.startsWith('shared/core/routes/')) return 'routes';
  if (file.endsWith('-wiring.ts')) return 'wiring';
  if (
    /^shared\/core\/(db|files)\//.test(file) ||
    /-(repository|writer|queries|updates)\.ts$|\/entities\.ts$/.test(file)
  )
    return 'storage';
  if (/-(service|job|export|classifier)\.ts$/.test(file)) return 'service';
  return 'domain';
}

/** The capability a module belongs to (core for the common core). */
const capabilityOf = (file: string) => file.split('/')[1] ?? '';

function importsOf(file: string): { module: string; external: boolean }[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/^(?:import|export)[^'"]*from\s+'([^']+)'/gm)].map(([, specifier = '']) =>
    specifier.startsWith('.')
      ? {
          module: relative(ROOT, resolve(dirname(join(ROOT, file)), specifier)).replace(/(\.ts)?$/, '.ts'),
          external: false,
        }
      : { module: specifier, external: true },
  );
}

const AWS_STORAGE_CLIENTS = /^@aws-sdk\/(client-dynamodb|lib-dynamodb|client-s3|s3-)/;

describe('layering of shared/', () => {
  const files = modules();

  it('finds every kind of module', () => {
    const layers = new Set(files.map(layerOf));
    expect([...layers].sort()).toEqual(['domain', 'http', 'routes', 'service', 'storage', 'support', 'wiring']);
  });

  it.each(files.filter((file) => layerOf(file) === 'domain'))('%s (domain) imports no http and no storage', (file) => {
    const refused = importsOf(file).filter(({ module, external }) =>
      external
        ? AWS_STORAGE_CLIENTS.test(module) || module === 'aws-lambda'
        : ['http', 'storage', 'service', 'wiring'].includes(layerOf(module)),
    );
    expect(refused.map(({ module }) => module)).toEqual([]);
  });

  it.each(files.filter((file) => layerOf(file) === 'storage'))(
    '%s (storage) imports no http and no service',
    (file) => {
      const refused = importsOf(file).filter(
        ({ module, external }) => !external && ['http', 'service', 'wiring'].includes(layerOf(module)),
      );
      expect(refused.map(({ module }) => module)).toEqual([]);
    },
  );

  it.each(files.filter((file) => capabilityOf(file) === 'core'))('%s (core) imports no capability', (file) => {
    const refused = importsOf(file).filter(
      ({ module, external }) => !external && module.startsWith('shared/') && capabilityOf(module) !== 'core',
    );
    expect(refused.map(({ module }) => module)).toEqual([]);
  });
});

describe('file sizes', () => {
  /** "About 300 lines": a little over is fine; past this, a file says at its top why it is one file. */
  const LONGEST_WITHOUT_A_REASON = 330;
  const sources = ['shared', 'functions', 'infra', 'local', 'cli', 'tools'].flatMap((dir) => modules(join(ROOT, dir)));

  it.each(sources)('%s is short, or says at its top why it is not', (file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    if (text.split('\n').length <= LONGEST_WITHOUT_A_REASON) return;
    expect(text.startsWith('// Over 300 lines, on purpose.'), `${file} has no reason for its length`).toBe(true);
  });
});
