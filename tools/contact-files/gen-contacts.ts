#!/usr/bin/env node
// Makes a realistic, messy contacts CSV of the kind councils export, and beside it the ground truth a
// correct import reproduces (docs/contact-files.md). Run with `npm run gen:contacts -- --help`.
import { parseArgs } from 'node:util';
import { ENCODINGS } from './encodings.ts';
import {
  CONTACT_FILE_DEFAULTS,
  type ContactFileOptions,
  generateContactFile,
  writeContactFile,
  writeTruthFile,
} from './generate.ts';
import { LAYOUT_NAMES } from './layouts.ts';

const USAGE = `Usage: npm run gen:contacts -- [options]

Writes a contacts CSV (to --out, else standard output) and its ground truth (to --truth, else a summary
on standard error). The same options and seed make the same file on every machine.

  --rows N          records to write (default 1000)
  --seed S          seed of the file's randomness (default 1)
  --layout L        ${LAYOUT_NAMES.join(' | ')}: header names, delimiter, line endings (default crm)
  --encoding E      ${ENCODINGS.join(' | ')} (default utf8)
  --dirty R         share of records with a bad value (default ${CONTACT_FILE_DEFAULTS.dirty})
  --dupes R         share of records repeating an earlier person (default ${CONTACT_FILE_DEFAULTS.dupes})
  --blank R         share of records with a blank line before them (default ${CONTACT_FILE_DEFAULTS.blank})
  --sample N        every Nth clean person goes into the truth's sample (default ${CONTACT_FILE_DEFAULTS.sampleEvery})
  --out FILE        the CSV
  --truth FILE      the ground truth, as JSON
  --help            this text
`;

class UsageError extends Error {}

const OPTIONS = {
  rows: { type: 'string', default: '1000' },
  seed: { type: 'string', default: '1' },
  layout: { type: 'string', default: 'crm' },
  encoding: { type: 'string', default: 'utf8' },
  dirty: { type: 'string' },
  dupes: { type: 'string' },
  blank: { type: 'string' },
  sample: { type: 'string' },
  out: { type: 'string' },
  truth: { type: 'string' },
  help: { type: 'boolean', default: false },
} as const;

function parseOptions(argv: string[]): { options: ContactFileOptions; out?: string; truth?: string } | 'help' {
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS; strict: true }>>;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values } = parsed;
  if (values.help) return 'help';
  const whole = (name: string, text: string, min: number) => {
    const value = Number(text);
    if (!Number.isSafeInteger(value) || value < min) throw new UsageError(`--${name} takes a whole number from ${min}`);
    return value;
  };
  const share = (name: string, text: string | undefined) => {
    if (text === undefined) return undefined;
    const value = Number(text);
    if (!(value >= 0 && value <= 1)) throw new UsageError(`--${name} takes a share from 0 to 1`);
    return value;
  };
  const oneOf = <T extends string>(name: string, text: string, allowed: readonly T[]) => {
    if (!allowed.includes(text as T)) throw new UsageError(`--${name} is one of ${allowed.join(', ')}`);
    return text as T;
  };
  const options: ContactFileOptions = {
    rows: whole('rows', values.rows, 0),
    seed: whole('seed', values.seed, 0),
    layout: oneOf('layout', values.layout, LAYOUT_NAMES),
    encoding: oneOf('encoding', values.encoding, ENCODINGS),
  };
  const dirty = share('dirty', values.dirty);
  const dupes = share('dupes', values.dupes);
  const blank = share('blank', values.blank);
  if (dirty !== undefined) options.dirty = dirty;
  if (dupes !== undefined) options.dupes = dupes;
  if (blank !== undefined) options.blank = blank;
  if (values.sample !== undefined) options.sampleEvery = whole('sample', values.sample, 1);
  return { options, ...(values.out && { out: values.out }), ...(values.truth && { truth: values.truth }) };
}

try {
  const request = parseOptions(process.argv.slice(2));
  if (request === 'help') {
    process.stdout.write(USAGE);
  } else {
    const truth = request.out
      ? await generateContactFile(request.options, { csv: request.out })
      : await writeContactFile(request.options, process.stdout);
    if (request.truth) await writeTruthFile(request.truth, truth);
    else {
      const { rejected_list, sample, ...summary } = truth;
      process.stderr.write(`${JSON.stringify(summary, null, 2)}\n`);
    }
  }
} catch (error) {
  process.stderr.write(`gen:contacts: ${(error as Error).message}\n`);
  if (error instanceof UsageError) process.stderr.write('See npm run gen:contacts -- --help\n');
  process.exitCode = 2;
}
