import * as z from 'zod';
import { columnTargetSchema, importMappingSchema } from './import-mapping';
import { CSV_ENCODINGS } from './pipeline/sniff';

/**
 * A contacts import, from upload to result. Statuses so far: awaiting_upload (created, presigned upload
 * handed out), awaiting_mapping (analysed: a person reviews the suggested mapping), failed (the file cannot
 * be imported, with the reason).
 */
export const IMPORT_STATUSES = [
  'awaiting_upload',
  'awaiting_mapping',
  'failed',
  'importing',
  'completed',
  'undone',
] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export const IMPORT_FAILURES = [
  'not_csv',
  'empty',
  'too_large',
  'bad_format',
  'no_records',
  'template_missing',
  'template_mismatch',
  'job_failed',
  'analysis_failed',
] as const;

export const importAnalysisSchema = z.object({
  sizeBytes: z.number().int(),
  encoding: z.enum(CSV_ENCODINGS),
  delimiter: z.string(),
  header: z.array(z.string()),
  preview: z.array(z.array(z.string())).describe('The first records as read'),
  columns: z.array(z.object({ header: z.string(), target: columnTargetSchema, confidence: z.number() })),
  suggestedMapping: importMappingSchema,
  unknownConsentWords: z.array(z.string()).describe('Values in consent columns that are neither yes nor no words'),
  choices: z
    .array(
      z.object({
        column: z.number().int(),
        header: z.string(),
        question: z.string(),
        options: z.array(z.object({ meaning: z.string(), target: columnTargetSchema })),
      }),
    )
    .default([])
    .describe(
      'What only a person can decide (a consent column whose header does not say whether yes grants or refuses): the column is left out of suggestedMapping until its target is one of the options',
    ),
  phoneCountry: z
    .object({
      proposed: z.string().describe('The default country suggestedMapping reads national numbers with'),
      fits: z.array(z.object({ country: z.string(), valid: z.number().int(), of: z.number().int() })),
      warning: z.string().optional().describe('When the numbers fit the deployment’s default country, or any, badly'),
    })
    .optional()
    .describe('In which country the sample’s national phone numbers are valid (as mobiles, for a mobile column)'),
  proposedTemplate: z
    .object({
      name: z.string(),
      mode: z.enum(['create', 'update', 'fill']).optional(),
      addTags: z.array(z.string()).optional(),
      consentSource: z.string().optional(),
    })
    .optional()
    .describe('A saved template whose headers match this file; suggestedMapping then comes from it'),
});
export type ImportAnalysis = z.infer<typeof importAnalysisSchema>;

export const DUPLICATE_MODES = ['create', 'update', 'fill'] as const;

/** How to run an import: the mapping and what to do with people who are already contacts. */
export const importSettingsSchema = z.strictObject({
  mapping: importMappingSchema,
  mode: z
    .enum(DUPLICATE_MODES)
    .describe(
      'create: only new people, leave existing contacts alone; update: overwrite with the file; fill: only fill blanks',
    ),
  addTags: z
    .array(z.string().trim().min(1).max(60))
    .max(20)
    .default([])
    .describe('Tags added to every imported contact'),
  consentSource: z.string().min(1).max(200).describe('Recorded as the source of consent read from the file'),
});
export type ImportSettings = z.infer<typeof importSettingsSchema>;

const counts = z.record(z.string(), z.number().int());

/** What an import did, with the reason names of the generator's truth.json. */
export const importSummarySchema = z.object({
  records: z.number().int(),
  imported_records: z.number().int(),
  created: z.number().int().describe('New contacts'),
  updated: z.number().int().describe('Existing contacts changed by the file'),
  unchanged: z.number().int().describe('Existing contacts the file matched but did not change'),
  duplicate_records: z.number().int().describe('Records merged into a contact an earlier record of the file created'),
  rejected_records: z.number().int(),
  rejected: counts,
  warnings: counts,
});
export type ImportSummary = z.infer<typeof importSummarySchema>;

export const emptySummary = (): ImportSummary => ({
  records: 0,
  imported_records: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  duplicate_records: 0,
  rejected_records: 0,
  rejected: {},
  warnings: {},
});

/** Where a running import has got to: the next job continues after `record`. */
export const importCheckpointSchema = z.object({
  sequence: z.number().int(),
  record: z.number().int(),
  summary: importSummarySchema,
  /** Invocations that failed from this checkpoint (a new checkpoint starts again from none). */
  failures: z.number().int().optional(),
  /** How the file is read, decided by the whole-file check before the first record was written. */
  reading: z.object({ encoding: z.enum(CSV_ENCODINGS), lenient: z.boolean() }).optional(),
});
export type ImportCheckpoint = z.infer<typeof importCheckpointSchema>;

export const contactImportSchema = z.object({
  id: z.string(),
  status: z.enum(IMPORT_STATUSES),
  fileName: z.string().optional(),
  createdBy: z.string(),
  dropFolder: z
    .object({ template: z.string(), key: z.string() })
    .optional()
    .describe('Set when a file dropped under drop/<template>/ started this import; it then runs by itself'),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  analysis: importAnalysisSchema.optional(),
  settings: importSettingsSchema.optional().describe('Set with PUT /imports/{id}/mapping'),
  progress: z
    .object({ records: z.number().int(), percentOfBytes: z.number() })
    .optional()
    .describe('While importing: records done and how much of the file has been read'),
  summary: importSummarySchema.optional().describe('When completed'),
  dryRun: z
    .object({
      status: z.enum(['running', 'completed', 'failed']),
      summary: importSummarySchema.optional(),
      partial: z.boolean().optional().describe('The file was longer than one run reads: the summary covers its start'),
      failure: z.string().optional(),
      at: z.iso.datetime(),
    })
    .optional()
    .describe('What the import would do, from POST /imports/{id}/dry-run; nothing was written'),
  errorReportUrl: z.string().optional().describe('When completed with rejected records: a CSV of them, for an hour'),
  warningsReportUrl: z
    .string()
    .optional()
    .describe(
      'When completed with warnings: a CSV of each value dropped (record, line, reason, column, value), for an hour',
    ),
  undoneContacts: z
    .number()
    .int()
    .optional()
    .describe('How many contacts an undo has removed (so far, while it goes on over several calls)'),
  failure: z.object({ code: z.enum(IMPORT_FAILURES), message: z.string() }).optional(),
});
export type ContactImport = z.infer<typeof contactImportSchema>;
export type ImportFailure = NonNullable<ContactImport['failure']>;

export const createImportBodySchema = z.strictObject({
  fileName: z.string().min(1).max(255).optional().describe('The name of the file, shown back to staff'),
});

export const createdImportSchema = z.object({
  import: contactImportSchema,
  upload: z
    .object({
      url: z.string(),
      fields: z.record(z.string(), z.string()),
      maxBytes: z.number(),
      expiresAt: z.iso.datetime(),
    })
    .describe('POST the file as multipart/form-data to url: the fields first, then the file as "file"'),
});
