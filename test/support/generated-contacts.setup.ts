import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { generateContactFile } from '../../tools/contact-files/generate.ts';
import { GENERATED_CONTACT_FILES, generatedFilePaths } from './generated-contacts';

/** Generates every contacts file the tests read, once per run, into a folder removed after the run. */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'voxcitio-contact-files-'));
  await Promise.all(
    Object.entries(GENERATED_CONTACT_FILES).map(([name, options]) =>
      generateContactFile(options, generatedFilePaths(dir, name)),
    ),
  );
  project.provide('generatedContactsDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
