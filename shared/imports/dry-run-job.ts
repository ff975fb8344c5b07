import type { S3Client } from '@aws-sdk/client-s3';
import type { ContactsRepository } from '../contacts/contacts-repository';
import { BoundedWork } from '../core/concurrency';
import { logger } from '../core/observability/logger';
import { METRIC, MetricUnit, metrics } from '../core/observability/metrics';
import { emptySummary } from './contact-import';
import { DryRunClassifier, type FilePerson } from './dry-run-classifier';
import { openUpload } from './file-reading-job';
import { type ImportJobOptions, type JobResult, WRITE_CONCURRENCY } from './import-job-settings';
import type { ImportsRepository } from './imports-repository';
import { CsvFormatError } from './pipeline/csv-reader';
import { runImportPipeline } from './pipeline/import-pipeline';
import { checkWholeFile } from './pipeline/whole-file-check';

/** People a dry run looks up at once: two BatchGetItem requests of at most 100 keys each (claims, then holders). */
const DRY_RUN_LOOKUP_BATCH = 50;

export interface DryRunDependencies {
  imports: ImportsRepository;
  contacts: ContactsRepository;
  s3: S3Client;
  options: ImportJobOptions;
  now: () => Date;
}

/**
 * What the import would do, without writing. The file goes through the in-process pipeline (the same
 * rules, with in-file merging spilled to temporary files, so memory does not grow with the file), and
 * each merged person is looked up against existing contacts a batch at a time. A dry run runs in one
 * invocation: if time runs short while people are being looked up, the summary says so (`partial`).
 */
export async function runDryRun(
  job: DryRunDependencies,
  importId: string,
  remainingMs: () => number,
): Promise<JobResult> {
  const contactImport = await job.imports.get(importId);
  const { settings, analysis } = contactImport ?? {};
  if (contactImport?.status !== 'awaiting_mapping' || !settings || !analysis) return 'ignored';
  const at = () => job.now().toISOString();
  const summary = emptySummary();
  const classifier = new DryRunClassifier(job.contacts, settings, at);
  let body: (AsyncIterable<Uint8Array> & { destroy?: () => void }) | undefined;
  const lookups = new BoundedWork(job.options.concurrency ?? WRITE_CONCURRENCY);
  let people: FilePerson[] = [];
  // Set by the pipeline's callback, which TypeScript's narrowing cannot see.
  let partial = false as boolean;
  const lookUp = (batch: FilePerson[]) => lookups.add(() => classifier.classify(batch, summary));
  try {
    // Read as the import will: the whole file decides the encoding, and a file it cannot import fails here.
    body = await openUpload(job.s3, job.options.bucket, importId);
    const reading = await checkWholeFile(body, {
      analysed: analysis.encoding,
      chosen: settings.mapping.encoding,
      delimiter: analysis.delimiter,
    });
    body.destroy?.();
    body = await openUpload(job.s3, job.options.bucket, importId);
    const { summary: read } = await runImportPipeline(body, {
      encoding: reading.encoding,
      lenient: reading.lenient,
      delimiter: analysis.delimiter,
      mapping: settings.mapping,
      phoneWorkers: 0,
      onContact: (person, records) => {
        if (partial) return;
        people.push({ person, records });
        if (people.length < DRY_RUN_LOOKUP_BATCH) return;
        partial = remainingMs() < (job.options.reserveMs ?? 60_000);
        const batch = people;
        people = [];
        return partial ? undefined : lookUp(batch);
      },
    });
    if (!partial) await lookUp(people);
    await lookups.settled();
    summary.records = read.records;
    summary.imported_records = read.imported_records;
    summary.rejected_records = read.rejected_records;
    summary.rejected = read.rejected;
    // The classifier has counted its own warnings (tags left out at a contact's limits) into the summary.
    for (const [reason, count] of Object.entries(read.warnings))
      summary.warnings[reason] = (summary.warnings[reason] ?? 0) + count;
  } catch (error) {
    // Any failure ends the dry run visibly (staff can ask for another); only the file's own is theirs to fix.
    if (!(error instanceof CsvFormatError)) logger.error('Dry run failed', { importId, error });
    await lookups.settled().catch(() => undefined);
    const failure = error instanceof CsvFormatError ? error.message : 'The dry run failed; try it again.';
    await job.imports.recordDryRun(importId, { status: 'failed', failure, summary, at: at() });
    metrics.addMetric(METRIC.importFailures, MetricUnit.Count, 1);
    return 'failed';
  } finally {
    body?.destroy?.();
  }
  await job.imports.recordDryRun(importId, { status: 'completed', summary, ...(partial && { partial }), at: at() });
  return 'completed';
}
