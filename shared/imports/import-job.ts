import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ContactsRepository } from '../contacts/contacts-repository';
import { dryRunJobKey, importJobKey } from '../core/files/buckets';
import { rowForReport } from '../core/files/csv-writer';
import { logger } from '../core/observability/logger';
import { METRIC, MetricUnit, metrics } from '../core/observability/metrics';
import type { ImportCheckpoint, ImportSummary } from './contact-import';
import { ContactImportWriter, type WriteOutcome } from './contact-import-writer';
import { runDryRun } from './dry-run-job';
import type { WarnedValue } from './entities';
import { decideReading, openUpload } from './file-reading-job';
import { type ImportJobOptions, JOB_ATTEMPTS, type JobResult, WRITE_CONCURRENCY } from './import-job-settings';
import { compileMapping, type ImportedPerson, importReadRecord } from './import-record';
import { writeErrorReport, writeWarningsReport } from './import-reports-job';
import type { ImportsRepository, RejectedRow, StoredImport } from './imports-repository';
import { CsvFormatError, type CsvRecord, openCsv } from './pipeline/csv-reader';
import { warnedCells } from './warned-values';

export { type ImportJobOptions, JOB_ATTEMPTS, type JobResult, WRITE_CONCURRENCY } from './import-job-settings';

/** What one invocation of an import job did, for its metrics. */
interface RunTally {
  records: number;
  rejected: number;
  startedMs: number;
}

/** An invocation's records, rejects and rate as metrics; a run that ended failed (or threw) counts as a failure too. */
function recordRun(tally: RunTally, result: JobResult | undefined): void {
  if (tally.records > 0) {
    const seconds = Math.max(0.001, (Date.now() - tally.startedMs) / 1000);
    metrics.addMetric(METRIC.importRows, MetricUnit.Count, tally.records);
    metrics.addMetric(METRIC.importRejectedRows, MetricUnit.Count, tally.rejected);
    metrics.addMetric(METRIC.importRowsPerSecond, MetricUnit.CountPerSecond, tally.records / seconds);
  }
  if (result === 'failed') metrics.addMetric(METRIC.importFailures, MetricUnit.Count, 1);
}

/**
 * Runs an import from its checkpoint: streams the uploaded file from S3 (never whole in memory), reads each
 * record through the import rules and writes people with the contact import writer. After every batch it
 * saves a checkpoint; when the invocation is about to run out of time it writes the next job object, which
 * starts a new invocation from that checkpoint. A crash resumes from the last checkpoint: records written
 * since are recognised by the writer, so nothing is created twice and nothing is lost.
 */
export class ImportJobRunner {
  private readonly now: () => Date;

  constructor(
    private readonly imports: ImportsRepository,
    private readonly contacts: ContactsRepository,
    private readonly s3: S3Client,
    private readonly options: ImportJobOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** When personal data written now expires (epoch seconds, for the table's TTL). */
  private expiresAt(): number {
    return Math.floor(this.now().getTime() / 1000) + this.options.retentionDays * 86_400;
  }

  /** Writes the job object that starts (or continues) an import in its own invocation. */
  async dispatch(importId: string, sequence: number): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.options.bucket,
        Key: importJobKey(importId, sequence),
        Body: JSON.stringify({ importId, sequence }),
        ContentType: 'application/json',
      }),
    );
  }

  /**
   * Runs the import's current job. An unexpected error is thrown for Lambda to retry the invocation (it
   * resumes from the checkpoint); the JOB_ATTEMPTS-th failure from the same checkpoint fails the import
   * instead, with the error, so that staff see it stopped rather than an import that never ends. What it
   * created so far can be undone.
   */
  async run(importId: string, sequence: number, remainingMs: () => number): Promise<JobResult> {
    const contactImport = await this.imports.get(importId);
    const checkpoint = contactImport?.checkpoint;
    if (contactImport?.status !== 'importing' || !checkpoint || checkpoint.sequence !== sequence) {
      logger.info('Import job ignored: not the import’s current job', { importId, sequence });
      return 'ignored';
    }
    const tally: RunTally = { records: 0, rejected: 0, startedMs: Date.now() };
    try {
      const result = await this.continueFrom(contactImport, checkpoint, remainingMs, tally);
      recordRun(tally, result);
      return result;
    } catch (error) {
      recordRun(tally, undefined);
      const at = this.now().toISOString();
      const failures = await this.imports.recordJobFailure(importId, sequence, at);
      if (failures === undefined || failures < JOB_ATTEMPTS) throw error;
      const last = (await this.imports.get(importId))?.checkpoint ?? checkpoint;
      const message = `The import stopped after ${failures} failed attempts from record ${last.record}: ${(error as Error).message}`;
      if (!(await this.imports.failRun(importId, sequence, { code: 'job_failed', message }, last.summary, at)))
        return 'ignored';
      logger.error('Import failed: its job failed on every attempt', { importId, record: last.record, error });
      metrics.addMetric(METRIC.importFailures, MetricUnit.Count, 1);
      return 'failed';
    }
  }

  /**
   * The import's job failed on every attempt without counting its failures (killed for time or memory, say):
   * Lambda's on-failure destination says so. Fails the import at its last checkpoint if that job is still its
   * current one, as `run` does after the last attempt; what it created so far can be undone.
   */
  async giveUp(importId: string, sequence: number, reason: string): Promise<'failed' | 'ignored'> {
    const checkpoint = (await this.imports.get(importId))?.checkpoint;
    if (checkpoint?.sequence !== sequence) return 'ignored';
    const message = `The import stopped after record ${checkpoint.record}: its job did not finish on any attempt (${reason}).`;
    const at = this.now().toISOString();
    if (!(await this.imports.failRun(importId, sequence, { code: 'job_failed', message }, checkpoint.summary, at)))
      return 'ignored';
    logger.error('Import failed: its job gave up', { importId, record: checkpoint.record, reason });
    metrics.addMetric(METRIC.importFailures, MetricUnit.Count, 1);
    return 'failed';
  }

  /** The dry run asked for at `askedAt` did not finish on any attempt: marks it failed if it is still running. */
  async giveUpDryRun(importId: string, askedAt: string, reason: string): Promise<'failed' | 'ignored'> {
    const failure = `The dry run stopped without finishing (${reason}); try it again.`;
    if (!(await this.imports.failRunningDryRun(importId, askedAt, failure, this.now().toISOString()))) return 'ignored';
    logger.error('Dry run failed: its job gave up', { importId, reason });
    metrics.addMetric(METRIC.importFailures, MetricUnit.Count, 1);
    return 'failed';
  }

  private async continueFrom(
    contactImport: StoredImport,
    checkpoint: ImportCheckpoint,
    remainingMs: () => number,
    tally: RunTally,
  ): Promise<JobResult> {
    const { id: importId, settings, analysis } = contactImport;
    const { sequence } = checkpoint;
    if (!settings || !analysis) throw new Error(`Import ${importId} is importing without settings or analysis`);

    const reading =
      checkpoint.reading ??
      (await decideReading(
        { imports: this.imports, open: () => this.openUpload(importId), now: this.now },
        contactImport,
        checkpoint,
      ));
    if (reading === 'failed') return 'failed';
    if (reading === 'ignored') return 'ignored';
    const body = await this.openUpload(importId);
    let bytesRead = 0;
    const counted = (async function* () {
      for await (const chunk of body) {
        bytesRead += chunk.length;
        yield chunk;
      }
    })();
    const percentOfBytes = () => Math.min(100, Math.round((1000 * bytesRead) / Math.max(1, analysis.sizeBytes)) / 10);

    const mapping = compileMapping(settings.mapping);
    const writer = new ContactImportWriter(this.contacts, importId, settings, () => this.now().toISOString());
    const summary: ImportSummary = structuredClone(checkpoint.summary);
    let done = checkpoint.record;
    let batch: CsvRecord[] = [];

    const saveBatch = async (): Promise<boolean> => {
      if (batch.length === 0) return true;
      const { rejected, warned } = await this.processBatch(batch, mapping, writer, summary, analysis.header);
      await this.imports.addRejected(importId, rejected, this.expiresAt());
      await this.imports.addWarned(importId, warned, this.expiresAt());
      tally.records += batch.length;
      tally.rejected += rejected.length;
      done = (batch[batch.length - 1] as { record: number }).record;
      batch = [];
      const next: ImportCheckpoint = { sequence, record: done, summary, reading };
      return this.imports.saveCheckpoint(importId, sequence, next, percentOfBytes(), this.now().toISOString());
    };

    try {
      const { records } = await openCsv(counted, { ...reading, delimiter: analysis.delimiter });
      for await (const record of records) {
        if (record.record <= checkpoint.record) continue; // done before the checkpoint
        batch.push(record);
        if (batch.length < (this.options.batchRecords ?? 500)) continue;
        if (!(await saveBatch())) return 'ignored';
        if (remainingMs() < (this.options.reserveMs ?? 60_000)) {
          const next: ImportCheckpoint = { sequence: sequence + 1, record: done, summary, reading };
          if (
            !(await this.imports.saveCheckpoint(importId, sequence, next, percentOfBytes(), this.now().toISOString()))
          )
            return 'ignored';
          await this.dispatch(importId, sequence + 1);
          logger.info('Import continues in a new invocation', { importId, record: done });
          return 'continued';
        }
      }
      if (!(await saveBatch())) return 'ignored';
    } catch (error) {
      if (!(error instanceof CsvFormatError)) throw error;
      // The file cannot be read on from here (bad bytes, a runaway quote): the records read so far are
      // written, then the import fails with the reason and keeps its summary, so it can be undone.
      if (!(await saveBatch())) return 'ignored';
      await this.imports.failRun(
        importId,
        sequence,
        { code: 'bad_format', message: error.message },
        summary,
        this.now().toISOString(),
      );
      logger.warn('Import failed: the file is unreadable part-way', { importId, record: done });
      return 'failed';
    } finally {
      body.destroy?.();
    }

    const errorReportKey =
      summary.rejected_records > 0 ? await writeErrorReport(this.reportDeps(), contactImport) : undefined;
    const warningsReportKey =
      Object.keys(summary.warnings).length > 0 ? await writeWarningsReport(this.reportDeps(), importId) : undefined;
    await this.imports.complete(
      importId,
      sequence,
      summary,
      { errorReportKey, warningsReportKey },
      this.now().toISOString(),
    );
    logger.info('Import completed', { importId, records: summary.records });
    return 'completed';
  }

  private openUpload(importId: string) {
    return openUpload(this.s3, this.options.bucket, importId);
  }

  /** What the import would do, without writing (dry-run-job.ts). */
  dryRun(importId: string, remainingMs: () => number): Promise<JobResult> {
    return runDryRun(
      { imports: this.imports, contacts: this.contacts, s3: this.s3, options: this.options, now: this.now },
      importId,
      remainingMs,
    );
  }

  /** Writes the job object that starts the dry run asked for at `askedAt` (its `dryRun.at`) in its own invocation. */
  async dispatchDryRun(importId: string, askedAt: string): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.options.bucket,
        Key: dryRunJobKey(importId, askedAt),
        Body: JSON.stringify({ importId, dryRun: true }),
        ContentType: 'application/json',
      }),
    );
  }

  private reportDeps() {
    return { s3: this.s3, bucket: this.options.bucket, imports: this.imports };
  }

  private async processBatch(
    batch: readonly CsvRecord[],
    mapping: ReturnType<typeof compileMapping>,
    writer: Pick<ContactImportWriter, 'writeBatch'>,
    summary: ImportSummary,
    header: readonly string[],
  ): Promise<{ rejected: RejectedRow[]; warned: WarnedValue[] }> {
    const rejected: RejectedRow[] = [];
    const warned: WarnedValue[] = [];
    const people: { person: ImportedPerson; record: number }[] = [];
    for (const record of batch) {
      summary.records++;
      const outcome = importReadRecord(record, mapping);
      if (outcome.kind === 'rejected') {
        summary.rejected_records++;
        summary.rejected[outcome.reason] = (summary.rejected[outcome.reason] ?? 0) + 1;
        rejected.push({
          record: record.record,
          line: record.line,
          reason: outcome.reason,
          fields: rowForReport(record.fields),
        });
        continue;
      }
      summary.imported_records++;
      for (const warning of outcome.warnings) summary.warnings[warning] = (summary.warnings[warning] ?? 0) + 1;
      if (outcome.warnings.length > 0)
        for (const cell of warnedCells(outcome.warnings, record.fields, mapping))
          warned.push({
            record: record.record,
            line: record.line,
            reason: cell.reason,
            column: header[cell.column] ?? `(column ${cell.column + 1})`,
            value: cell.value,
          });
      people.push({ person: outcome.person, record: record.record });
    }
    for (const outcome of await writer.writeBatch(people, this.options.concurrency ?? WRITE_CONCURRENCY))
      count(summary, outcome);
    return { rejected, warned };
  }
}

function count(summary: ImportSummary, outcome: WriteOutcome): void {
  if (outcome.leftOut) summary.warnings.over_contact_limits = (summary.warnings.over_contact_limits ?? 0) + 1;
  if (outcome.phoneHeldByOther) summary.warnings.phone_held_by_other = (summary.warnings.phone_held_by_other ?? 0) + 1;
  if (outcome.refusalKept) summary.warnings.consent_refusal_kept = (summary.warnings.consent_refusal_kept ?? 0) + 1;
  if (outcome.kind === 'created') summary.created++;
  else if (outcome.kind === 'merged_in_file') summary.duplicate_records++;
  else if (outcome.kind === 'updated') summary.updated++;
  else if (outcome.kind === 'unchanged') summary.unchanged++;
  else summary.warnings.channel_conflict = (summary.warnings.channel_conflict ?? 0) + 1;
}
