import type { S3Client } from '@aws-sdk/client-s3';
import { importErrorReportKey, importWarningsReportKey } from '../core/files/buckets';
import { csvLine } from '../core/files/csv-writer';
import { MultipartWriter } from '../core/files/multipart-writer';
import type { ImportsRepository, StoredImport } from './imports-repository';

interface ReportDeps {
  s3: S3Client;
  bucket: string;
  imports: Pick<ImportsRepository, 'rejected' | 'warned'>;
}

/** The rejected rows as CSV, written a part at a time: a file of bad rows may be as large as the import. */
export async function writeErrorReport(deps: ReportDeps, contactImport: StoredImport): Promise<string> {
  const key = importErrorReportKey(contactImport.id);
  const report = await MultipartWriter.start(deps.s3, { Bucket: deps.bucket, Key: key }, 'text/csv; charset=utf-8');
  try {
    await report.write(csvLine(['record', 'line', 'reason', ...(contactImport.analysis?.header ?? [])]));
    for await (const row of deps.imports.rejected(contactImport.id))
      await report.write(csvLine([row.record, row.line, row.reason, ...row.fields]));
    await report.complete();
  } catch (error) {
    await report.abort().catch(() => undefined);
    throw error;
  }
  return key;
}

/**
 * Every value dropped with a warning, as CSV: record, line, reason, column and value. Warnings about a
 * whole contact (tags left out at its limits, a refusal kept) have no cell of their own and are counted only.
 */
export async function writeWarningsReport(deps: ReportDeps, importId: string): Promise<string | undefined> {
  const key = importWarningsReportKey(importId);
  const report = await MultipartWriter.start(deps.s3, { Bucket: deps.bucket, Key: key }, 'text/csv; charset=utf-8');
  let rows = 0;
  try {
    await report.write(csvLine(['record', 'line', 'reason', 'column', 'value']));
    for await (const row of deps.imports.warned(importId)) {
      await report.write(csvLine([row.record, row.line, row.reason, row.column, row.value]));
      rows++;
    }
    await report.complete();
  } catch (error) {
    await report.abort().catch(() => undefined);
    throw error;
  }
  return rows > 0 ? key : undefined;
}
