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

/** The largest CSV an import takes: the presigned upload's policy refuses more, and analysis checks again. */
export const MAX_IMPORT_BYTES = 1024 * 1024 * 1024;

export interface BucketTrigger {
  name: string;
  bucket: BucketName;
  prefix: string;
  /** Module under `functions/` that exports `handler`, without extension. */
  handler: string;
  table: 'none' | 'read' | 'readWrite';
  bucketAccess: 'read' | 'readWrite';
  description: string;
}

export const BUCKET_TRIGGERS: BucketTrigger[] = [
  {
    name: 'analyseImportUpload',
    bucket: 'imports',
    prefix: IMPORT_UPLOADS_PREFIX,
    handler: 'imports/analyse-upload',
    table: 'readWrite',
    bucketAccess: 'read',
    description: 'Analyses an uploaded contacts CSV: encoding, delimiter, header, preview, suggested mapping',
  },
];
