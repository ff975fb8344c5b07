import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import { type ContactFileEncoding, ENCODINGS } from '../../tools/contact-files/encodings.ts';
import type { ContactFileOptions, ContactFileTruth } from '../../tools/contact-files/generate.ts';
import { LAYOUT_NAMES, type LayoutName } from '../../tools/contact-files/layouts.ts';

export { ENCODINGS, LAYOUT_NAMES };
export type Truth = ContactFileTruth;

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the global setup wrote every file of GENERATED_CONTACT_FILES. */
    generatedContactsDir: string;
  }
}

/** Every layout in every encoding, each with options of its own (`index` counts the combinations). */
const everyLayoutAndEncoding = (
  name: string,
  options: (index: number) => Omit<ContactFileOptions, 'layout' | 'encoding'>,
): Record<string, ContactFileOptions> =>
  Object.fromEntries(
    LAYOUT_NAMES.flatMap((layout, l) =>
      ENCODINGS.map((encoding, e) => [
        combinationName(name, layout, encoding),
        { layout, encoding, ...options(l * ENCODINGS.length + e) },
      ]),
    ),
  );
export const combinationName = (name: string, layout: LayoutName, encoding: ContactFileEncoding) =>
  `${name}-${layout}-${encoding}`;

/**
 * Every generated contacts file the tests read, by name. The global setup makes them all once per run
 * (generated-contacts.setup.ts), so no test file generates at collection time.
 */
export const GENERATED_CONTACT_FILES: Record<string, ContactFileOptions> = {
  ...everyLayoutAndEncoding('pipeline', () => ({ rows: 3000, seed: 7 })),
  ...everyLayoutAndEncoding('upload', () => ({ rows: 1500, seed: 21 })),
  ...everyLayoutAndEncoding('run', (index) => ({ rows: 600, seed: 300 + index, sampleEvery: 40 })),
  mapping: { rows: 200, seed: 5, layout: 'council', encoding: 'utf8' },
  'dry-run': { rows: 400, seed: 601, layout: 'crm', encoding: 'utf8', sampleEvery: 20 },
  'dry-run-then-import': { rows: 600, seed: 602, layout: 'crm', encoding: 'utf8' },
  cli: { rows: 300, seed: 501, layout: 'council', encoding: 'windows-1252' },
  'resume-continue': { rows: 500, seed: 401, layout: 'crm', encoding: 'utf8' },
  'resume-crash': { rows: 500, seed: 402, layout: 'council', encoding: 'utf8' },
  'resume-fail': { rows: 300, seed: 406, layout: 'crm', encoding: 'utf8' },
  'resume-never-finishes': { rows: 300, seed: 407, layout: 'crm', encoding: 'utf8' },
  'resume-given-up': { rows: 50, seed: 408, layout: 'crm', encoding: 'utf8' },
  'resume-dry-run-given-up': { rows: 20, seed: 409, layout: 'crm', encoding: 'utf8' },
  'resume-undo': { rows: 250, seed: 405, layout: 'crm', encoding: 'utf8' },
  'resume-stalled': { rows: 300, seed: 410, layout: 'crm', encoding: 'utf8' },
  'resume-staff': { rows: 300, seed: 411, layout: 'council', encoding: 'utf8' },
  'resume-staff-still': { rows: 100, seed: 412, layout: 'crm', encoding: 'utf8' },
  'resume-duplicate-job': { rows: 50, seed: 403, layout: 'crm', encoding: 'utf8' },
  'resume-overlapping': { rows: 400, seed: 404, layout: 'legacy', encoding: 'utf8', sampleEvery: 20 },
};

export interface GeneratedFile {
  csv: string;
  truth: Truth;
}

export const generatedFilePaths = (dir: string, name: string) => ({
  csv: join(dir, `${name}.csv`),
  truth: join(dir, `${name}.truth.json`),
});

/** A file the global setup generated, and its ground truth. */
export function generatedContacts(name: string): GeneratedFile {
  if (!(name in GENERATED_CONTACT_FILES))
    throw new Error(`no generated contacts file is named ${name}: declare it in GENERATED_CONTACT_FILES`);
  const { csv, truth } = generatedFilePaths(inject('generatedContactsDir'), name);
  return { csv, truth: JSON.parse(readFileSync(truth, 'utf8')) as Truth };
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
