import { defineEntity } from '../core/db/entity';
import type { ContactImport } from './contact-import';
import type { ImportTemplate } from './import-template';

/** A row an import refused, kept for the error report. */
export interface RejectedRow {
  record: number;
  line: number;
  reason: string;
  fields: string[];
}

/**
 * The imports capability's items in the single table (docs/data-model.md). An import stores its checkpoint and
 * the error report's key beside what the API shows.
 */
export const importEntity = defineEntity<ContactImport, [id: string], 'checkpoint' | 'errorReportKey'>({
  entity: 'import',
  key: (id) => ({ pk: `IMPORT#${id}`, sk: 'IMPORT' }),
  identify: (contactImport) => [contactImport.id],
  indexes: {
    byKind: { partition: () => 'IMPORT', partitionOf: () => [], sortOf: (contactImport) => contactImport.id },
  },
  stored: ['checkpoint', 'errorReportKey'],
});

/** Rejected rows sit in their import's partition, in record order (10 digits sort as numbers). */
export const importRejectEntity = defineEntity<
  RejectedRow & { importId: string },
  [importId: string, record: number],
  'expiresAt'
>({
  entity: 'importReject',
  key: (importId, record) => ({ pk: `IMPORT#${importId}`, sk: `REJECT#${String(record).padStart(10, '0')}` }),
  identify: (row) => [row.importId, row.record],
  collection: (importId) => ({ pk: `IMPORT#${importId}`, skPrefix: 'REJECT#' }),
  // A rejected row is a contact's data as the file held it: it expires with the deployment's retention.
  stored: ['expiresAt'],
});

/** Which import a dropped file's event made (S3 may deliver an event twice); expires after a few days. */
export const droppedFileEntity = defineEntity<
  { key: string; sequencer: string; importId: string; expiresAt: number },
  [key: string, sequencer: string]
>({
  entity: 'droppedFile',
  key: (key, sequencer) => ({ pk: `DROP#${sequencer}#${key}`, sk: 'DROP' }),
  identify: (drop) => [drop.key, drop.sequencer],
});

/** A template's name is unique regardless of case; templates are listed by name. */
export const importTemplateEntity = defineEntity({
  entity: 'importTemplate',
  key: (name: string) => ({ pk: `IMPORT_TEMPLATE#${name.toLowerCase()}`, sk: 'TEMPLATE' }),
  identify: (template: ImportTemplate): [string] => [template.name],
  indexes: {
    byKind: {
      partition: () => 'IMPORT_TEMPLATE',
      partitionOf: () => [],
      sortOf: (template) => template.name.toLowerCase(),
    },
  },
});

/** The claim of a template on its drop folder's slug (drop/<slug>/), so two names cannot share a folder. */
export const templateSlugEntity = defineEntity({
  entity: 'importTemplateSlug',
  key: (slug: string) => ({ pk: `IMPORT_TEMPLATE_SLUG#${slug}`, sk: 'CLAIM' }),
  identify: (claim: { slug: string; name: string }): [string] => [claim.slug],
});
