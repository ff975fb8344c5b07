import type { TableItems } from '../db/table-items';
/**
 * The buckets and the functions their events trigger, declared once: the CDK stack deploys the buckets and
 * their notifications, the local runner creates the buckets in the S3 stand-in and delivers its events to
 * the same handler modules.
 */
export const BUCKETS = {
  imports: { logicalName: 'voxcitio-imports', environmentVariable: 'IMPORTS_BUCKET' },
} as const;
export type BucketName = keyof typeof BUCKETS;

/** Uploaded contact CSVs wait under this prefix, named after their import. */
export const IMPORT_UPLOADS_PREFIX = 'uploads/';
export const importUploadKey = (importId: string) => `${IMPORT_UPLOADS_PREFIX}${importId}.csv`;
export const importIdFromUploadKey = (key: string): string | undefined =>
  /^uploads\/([0-9a-f-]{36})\.csv$/.exec(key)?.[1];

/** A small object per run of an import job: writing one starts (or continues) the import in a new invocation. */
export const IMPORT_JOBS_PREFIX = 'jobs/';
export const importJobKey = (importId: string, run: number | string) => `${IMPORT_JOBS_PREFIX}${importId}/${run}.json`;
/** A dry run's job object is named after the time the dry run was asked for (its `dryRun.at`), in milliseconds. */
export const dryRunJobKey = (importId: string, askedAt: string) =>
  importJobKey(importId, `dry-run-${Date.parse(askedAt)}`);
/** What a job object's key says it runs: an import from a checkpoint's sequence, or the dry run asked for at `askedAt`. */
export function parseImportJobKey(
  key: string,
): { importId: string; sequence: number } | { importId: string; dryRunAskedAt: string } | undefined {
  const match = /^jobs\/([0-9a-f-]{36})\/(?:(\d+)|dry-run-(\d+))\.json$/.exec(key);
  if (!match) return undefined;
  const [, importId, sequence, askedAt] = match as unknown as [string, string, string | undefined, string | undefined];
  if (sequence !== undefined) return { importId, sequence: Number(sequence) };
  const at = new Date(Number(askedAt));
  return Number.isNaN(at.getTime()) ? undefined : { importId, dryRunAskedAt: at.toISOString() };
}

/** A file put under drop/<template slug>/ is imported with that template, with no person in the loop. */
export const DROP_FOLDER_PREFIX = 'drop/';
export const templateSlug = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
export const dropFolderTemplateSlug = (key: string): string | undefined => /^drop\/([a-z0-9-]+)\/[^/]+$/.exec(key)?.[1];
/** The object key an S3 event names: event keys are URL-encoded, with spaces as '+'. */
export const eventObjectKey = (object: { key: string }) => decodeURIComponent(object.key.replace(/\+/g, ' '));
/** What tells one put of a key from the next in its S3 event: the sequencer (a number from s3rver), else the ETag. */
export const putOfObject = (object: { sequencer?: string | number; eTag?: string }) =>
  String(object.sequencer ?? object.eTag ?? '');

/** Reports written back for staff: the rejected records of an import. */
export const IMPORT_REPORTS_PREFIX = 'reports/';
export const importErrorReportKey = (importId: string) => `${IMPORT_REPORTS_PREFIX}${importId}/rejected.csv`;
export const importWarningsReportKey = (importId: string) => `${IMPORT_REPORTS_PREFIX}${importId}/warnings.csv`;

/**
 * A survey's minted personal links, the only copy of their live tokens: under a prefix of their own, which
 * only the function that mints them (and signs their download) may read or write.
 */
export const SURVEY_LINKS_PREFIX = 'survey-links/';
/** Exports of a survey's responses: only the export function writes and signs them. */
export const SURVEY_EXPORTS_PREFIX = 'survey-exports/';
const fileStamp = (at: Date) => at.toISOString().replace(/[:.]/g, '-');
export const surveyLinksKey = (
  surveyId: string,
  at: Date,
  format: 'csv' | 'json',
  kind: 'links' | 'reissued' = 'links',
) => `${SURVEY_LINKS_PREFIX}${surveyId}/${kind}-${fileStamp(at)}.${format}`;
export const surveyExportKey = (surveyId: string, at: Date) =>
  `${SURVEY_EXPORTS_PREFIX}${surveyId}/responses-${fileStamp(at)}.csv`;

/**
 * A segment count running in the background: writing one starts (or continues) a count of the segment in a
 * new invocation; the key names the count by the time it was asked for, so a stale job is recognised.
 */
export const SEGMENT_COUNTS_PREFIX = 'segment-counts/';
export const segmentCountJobKey = (segmentId: string, since: string, part: number) =>
  `${SEGMENT_COUNTS_PREFIX}${segmentId}/${Date.parse(since)}-${part}.json`;
export function parseSegmentCountJobKey(key: string): { segmentId: string; since: string; part: number } | undefined {
  const match = /^segment-counts\/([0-9a-f-]{36})\/(\d+)-(\d+)\.json$/.exec(key);
  if (!match) return undefined;
  const at = new Date(Number(match[2]));
  if (Number.isNaN(at.getTime())) return undefined;
  return { segmentId: match[1] as string, since: at.toISOString(), part: Number(match[3]) };
}

/** How the objects under each prefix are named: why a grant on a prefix needs its wildcard. */
export const OBJECT_NAMING: Record<string, string> = {
  [IMPORT_UPLOADS_PREFIX]: 'per import (<import id>.csv)',
  [IMPORT_JOBS_PREFIX]: 'per import and run (<import id>/<run>.json)',
  [IMPORT_REPORTS_PREFIX]: 'per import (<import id>/rejected.csv)',
  [DROP_FOLDER_PREFIX]: 'per template folder and file (<template slug>/<file name>)',
  [SURVEY_LINKS_PREFIX]:
    'per survey and minting (<survey id>/links-<time>.csv and .json), and links issued again (reissued-<time>)',
  [SURVEY_EXPORTS_PREFIX]: 'per survey and export (<survey id>/responses-<time>.csv)',
  [SEGMENT_COUNTS_PREFIX]: 'per segment, count and part (<segment id>/<time>-<part>.json)',
};

/** Object prefixes of the imports bucket a function reads and writes; the stack grants exactly these. */
export interface ObjectAccess {
  read?: string[];
  write?: string[];
}

/** The largest CSV an import takes: the presigned upload's policy refuses more, and analysis checks again. */
export const MAX_IMPORT_BYTES = 1024 * 1024 * 1024;

export interface BucketTrigger {
  name: string;
  bucket: BucketName;
  prefix: string;
  /** Module under `functions/` that exports `handler`, without extension. */
  handler: string;
  table: 'none' | 'read' | 'readWrite';
  /** Which items: what IAM grants it (and the local runner checks). */
  items?: TableItems;
  objects: ObjectAccess;
  /** Seconds; imports checkpoint and continue in a new invocation before this runs out. */
  timeoutSeconds: number;
  /** Size of /tmp, when the function spills to it (512 MiB, Lambda's default, otherwise). */
  ephemeralStorageMiB?: number;
  description: string;
}

/**
 * Where an event goes when its bucket trigger failed on every attempt (Lambda's first and its two retries), or
 * waited in Lambda's queue too long to be tried: Lambda's on-failure destination (the local runner calls it
 * after its third attempt). An invocation killed for time or memory cannot record its own failure; this
 * function records it on the import the event was for, so that no import waits for a job that will not run.
 */
export const TRIGGER_FAILURES: {
  name: string;
  handler: string;
  timeoutSeconds: number;
  description: string;
  items?: TableItems;
} = {
  name: 'recordTriggerFailure',
  handler: 'imports/record-trigger-failure',
  items: { read: ['droppedFile'], write: ['import'] },
  timeoutSeconds: 30,
  description: 'Marks an import failed when its upload, dry run or job event failed every attempt',
};

export const BUCKET_TRIGGERS: BucketTrigger[] = [
  {
    name: 'analyseImportUpload',
    bucket: 'imports',
    prefix: IMPORT_UPLOADS_PREFIX,
    handler: 'imports/analyse-upload',
    table: 'readWrite',
    items: { write: ['import'], indexes: ['importTemplate'] },
    // Writes the first job object when a drop-folder import starts by itself.
    objects: { read: [IMPORT_UPLOADS_PREFIX], write: [IMPORT_JOBS_PREFIX] },
    timeoutSeconds: 60,
    description: 'Analyses an uploaded contacts CSV: encoding, delimiter, header, preview, suggested mapping',
  },
  {
    name: 'runImportJob',
    bucket: 'imports',
    prefix: IMPORT_JOBS_PREFIX,
    handler: 'imports/run-job',
    table: 'readWrite',
    items: { write: ['contact', 'contactClaim', 'import', 'possibleDuplicate'] },
    objects: { read: [IMPORT_UPLOADS_PREFIX, IMPORT_JOBS_PREFIX], write: [IMPORT_JOBS_PREFIX, IMPORT_REPORTS_PREFIX] },
    timeoutSeconds: 900,
    // A dry run merges the file's records through spill files under /tmp: at their peak about 1.5 times the
    // file's size (measured on a generated 1M-row file), so a file at the 1 GiB upload cap needs about 1.5 GiB;
    // 4 GiB leaves room for files whose records spill larger (many short columns, say).
    ephemeralStorageMiB: 4096,
    description:
      'Imports contacts from an uploaded CSV, checkpointing and continuing in a new invocation when time runs short',
  },
  {
    name: 'countSegment',
    bucket: 'imports',
    prefix: SEGMENT_COUNTS_PREFIX,
    handler: 'segments/count',
    table: 'readWrite',
    items: { write: ['segment'], indexes: ['contact'] },
    // Writes the next part of a count that ran out of time; reads no object (the key says it all).
    objects: { write: [SEGMENT_COUNTS_PREFIX] },
    timeoutSeconds: 300,
    description:
      'Counts the contacts of a segment in the background, continuing in a new invocation when time runs short',
  },
  {
    name: 'importDroppedFile',
    bucket: 'imports',
    prefix: DROP_FOLDER_PREFIX,
    handler: 'imports/import-dropped-file',
    table: 'readWrite',
    items: { write: ['droppedFile', 'import'], indexes: ['importTemplate'] },
    objects: { read: [DROP_FOLDER_PREFIX], write: [IMPORT_UPLOADS_PREFIX] },
    timeoutSeconds: 60,
    description: 'Starts an import of a file dropped under drop/<template>/ with that template (nightly CRM exports)',
  },
];
