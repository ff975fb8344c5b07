// Runs one of the repository's TypeScript entry points (the CLI, the token command) as a single ES module
// bundled by esbuild, rebuilt only when one of its sources changed: compiling each file on every run (tsx)
// cost more than a second before the command did anything. Packages stay in node_modules, loaded as usual.
//   node tools/bundled.mjs cli/voxcitio.ts [arguments...]
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const entry = process.argv[2];
if (!entry) {
  console.error('Usage: node tools/bundled.mjs <entry.ts> [arguments...]');
  process.exit(2);
}
// The entry point sees its own arguments, as it would run by itself.
process.argv.splice(2, 1);

const cache = join(root, 'node_modules', '.cache', 'voxcitio');
const name = relative(root, resolve(root, entry)).replaceAll(/[\\/]/g, '_').replace(/\.ts$/, '');
const outfile = join(cache, `${name}.mjs`);
const inputsFile = join(cache, `${name}.inputs.json`);

if (stale()) {
  const { build } = await import('esbuild');
  mkdirSync(cache, { recursive: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile,
    write: false,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    packages: 'external',
    metafile: true,
    logLevel: 'error',
  });
  // Written aside and renamed, so that a command started at the same moment never reads half a bundle.
  replaceFile(inputsFile, JSON.stringify(Object.keys(result.metafile.inputs)));
  replaceFile(outfile, result.outputFiles[0].contents);
}
await import(pathToFileURL(outfile).href);

/** Whether the bundle is missing, or older than any file it was built from. */
function stale() {
  let built;
  let inputs;
  try {
    built = statSync(outfile).mtimeMs;
    inputs = JSON.parse(readFileSync(inputsFile, 'utf8'));
  } catch {
    return true;
  }
  for (const input of inputs) {
    try {
      if (statSync(join(root, input)).mtimeMs > built) return true;
    } catch {
      return true;
    }
  }
  return false;
}

function replaceFile(path, contents) {
  const aside = `${path}.${process.pid}.tmp`;
  writeFileSync(aside, contents);
  renameSync(aside, path);
}
