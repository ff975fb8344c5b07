import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The team kit's generator of messy contact CSVs with their ground truth (../shared beside the repo). */
export const GENERATOR = join(import.meta.dirname, '..', '..', '..', 'shared', 'tools', 'gen-contacts.mjs');
const CACHE = join(import.meta.dirname, '..', '..', 'node_modules', '.cache', 'voxcitio-generated');

export const VARIANTS = ['crm', 'council', 'legacy'] as const;
export const ENCODINGS = ['utf8', 'utf8-bom', 'windows-1252'] as const;

export interface GeneratedFile {
  csv: string;
  truth: Truth;
}

export interface Truth {
  records: number;
  imported_records: number;
  rejected_records: number;
  duplicate_records: number;
  rejected: Record<string, number>;
  warnings: Record<string, number>;
  unique_contacts: number;
  contacts_with_email: number;
  contacts_with_phone: number;
  consent_email: number;
  consent_sms: number;
  tag_counts: Record<string, number>;
  delimiter: string;
  header: string[];
  expected_mapping: Record<string, string>;
  rejected_list: { record: number; line: number; reason: string }[];
  sample: Record<string, unknown>[];
}

/** Generates (once, cached by its arguments) a file and reads its truth. */
export function generatedContacts(options: {
  rows: number;
  seed: number;
  variant: string;
  encoding: string;
  /** Every Nth clean person goes into truth.sample (the generator's default is 1000). */
  sample?: number;
}): GeneratedFile {
  mkdirSync(CACHE, { recursive: true });
  const sample = options.sample ?? 1000;
  const name = `${options.variant}-${options.encoding}-${options.rows}-${options.seed}-${sample}`;
  const csv = join(CACHE, `${name}.csv`);
  const truthFile = join(CACHE, `${name}.truth.json`);
  if (!existsSync(truthFile))
    execFileSync(process.execPath, [
      GENERATOR,
      '--rows',
      String(options.rows),
      '--seed',
      String(options.seed),
      '--variant',
      options.variant,
      '--encoding',
      options.encoding,
      '--out',
      csv,
      '--truth',
      truthFile,
      '--sample',
      String(sample),
    ]);
  return { csv, truth: JSON.parse(readFileSync(truthFile, 'utf8')) as Truth };
}

/** The summary a Voxcitio import of a generated file into contacts that do not exist yet must give. */
export const expectedImportSummary = (truth: Truth) => ({
  records: truth.records,
  imported_records: truth.imported_records,
  created: truth.unique_contacts,
  updated: 0,
  unchanged: 0,
  duplicate_records: truth.duplicate_records,
  rejected_records: truth.rejected_records,
  rejected: truth.rejected,
  warnings: truth.warnings,
});
