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

/** A value an import dropped with a warning (an invalid phone, an unknown language), kept for the warnings report. */
export interface WarnedValue {
  record: number;
  line: number;
  reason: string;
  /** The column's header. */
  column: string;
  value: string;
}

/**
 * The imports capability's items in the single table (docs/data-model.md). An import stores its checkpoint and
 * the error report's key beside what the API shows.
 */
export const importEntity = defineEntity<
  ContactImport,
  [id: string],
  'checkpoint' | 'errorReportKey' | 'warningsReportKey'
>({
  entity: 'import',
  key: (id) => ({ pk: `IMPORT#${id}`, sk: 'IMPORT' }),
  identify: (contactImport) => [contactImport.id],
  indexes: {
    byKind: { partition: () => 'IMPORT', partitionOf: () => [], sortOf: (contactImport) => contactImport.id },
  },
  stored: ['checkpoint', 'errorReportKey', 'warningsReportKey'],
});

/** Warned values sit in their import's partition too, by record and then by their place in it. */
export const importWarningEntity = defineEntity<
  WarnedValue & { importId: string; index: number },
  [importId: string, record: number, index: number],
  'expiresAt'
>({
  entity: 'importWarning',
  key: (importId, record, index) => ({
    pk: `IMPORT#${importId}`,
    sk: `WARN#${String(record).padStart(10, '0')}#${String(index).padStart(2, '0')}`,
  }),
  identify: (row) => [row.importId, row.record, row.index],
  collection: (importId) => ({ pk: `IMPORT#${importId}`, skPrefix: 'WARN#' }),
  // A warned value is a contact's data as the file held it: it expires with the deployment's retention.
  stored: ['expiresAt'],
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
