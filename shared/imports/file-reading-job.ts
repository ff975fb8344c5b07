import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { importUploadKey } from '../core/files/buckets';
import { logger } from '../core/observability/logger';
import type { ImportCheckpoint } from './contact-import';
import type { ImportsRepository, StoredImport } from './imports-repository';
import { CsvFormatError } from './pipeline/csv-reader';
import { checkWholeFile, type FileReading } from './pipeline/whole-file-check';

/** The uploaded file of an import, streamed from the bucket. */
export async function openUpload(s3: S3Client, bucket: string, importId: string) {
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: importUploadKey(importId) }));
  return object.Body as AsyncIterable<Uint8Array> & { destroy?: () => void };
}

/**
 * How to read the file, decided before the first record is written by reading all of it (checkWholeFile):
 * a file that cannot be imported fails here, with nothing written. Saved on the checkpoint, so that the
 * invocations that continue the import read it the same way. An import that wrote records before this
 * check existed reads as its analysis said.
 */
export async function decideReading(
  deps: {
    imports: Pick<ImportsRepository, 'failRun' | 'saveCheckpoint'>;
    open: () => Promise<AsyncIterable<Uint8Array> & { destroy?: () => void }>;
    now: () => Date;
  },
  contactImport: StoredImport,
  checkpoint: ImportCheckpoint,
): Promise<FileReading | 'failed' | 'ignored'> {
  const { id: importId, settings, analysis } = contactImport;
  if (!settings || !analysis) throw new Error(`Import ${importId} is importing without settings or analysis`);
  if (checkpoint.record > 0) return { encoding: analysis.encoding, lenient: false };
  const body = await deps.open();
  let reading: FileReading;
  try {
    const checked = await checkWholeFile(body, {
      analysed: analysis.encoding,
      chosen: settings.mapping.encoding,
      delimiter: analysis.delimiter,
    });
    reading = { encoding: checked.encoding, lenient: checked.lenient };
  } catch (error) {
    if (!(error instanceof CsvFormatError)) throw error;
    await deps.imports.failRun(
      importId,
      checkpoint.sequence,
      { code: 'bad_format', message: `${error.message} Nothing was imported.` },
      checkpoint.summary,
      deps.now().toISOString(),
    );
    logger.warn('Import failed before writing: the file cannot be read whole', { importId });
    return 'failed';
  } finally {
    body.destroy?.();
  }
  if (reading.encoding !== analysis.encoding)
    logger.info('The whole file reads in another encoding than its start', { importId, ...reading });
  const saved = await deps.imports.saveCheckpoint(
    importId,
    checkpoint.sequence,
    { ...checkpoint, reading },
    0,
    deps.now().toISOString(),
  );
  return saved ? reading : 'ignored';
}
