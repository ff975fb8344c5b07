import { ConflictError, NotFoundError } from '../core/errors';
import { logger } from '../core/observability/logger';
import { METRIC, MetricUnit, metrics } from '../core/observability/metrics';
import type { ContactImport } from './contact-import';
import type { ImportJobRunner } from './import-job';
import { JOB_ATTEMPTS } from './import-job-settings';
import type { ImportsRepository, StoredImport } from './imports-repository';

/**
 * An import whose job has written nothing for this long has lost its job: a running job saves a checkpoint
 * every batch (seconds apart), and Lambda's retries come within about three minutes.
 */
export const STALLED_AFTER_MS = 10 * 60_000;
/** Staff may resume an import that has written nothing for this long (they see it stand still). */
export const STAFF_RESUME_AFTER_MS = 2 * 60_000;

/**
 * Imports whose job was lost (the database was down when every attempt ran, and so was the failure recorder):
 * found by a periodic check (a schedule in the stack, the same function on a timer locally) and resumed from
 * their checkpoint, or failed once resuming has been tried JOB_ATTEMPTS times; staff can resume one too.
 * Resuming is safe even if the job was only slow: checkpoints are conditional on their sequence and the
 * writer recognises records written twice.
 */
export class StalledImports {
  constructor(
    private readonly imports: ImportsRepository,
    private readonly jobs: Pick<ImportJobRunner, 'dispatch' | 'giveUpDryRun'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The periodic check: every import or dry run that has stood still too long is resumed or failed. */
  async check(): Promise<{ resumed: number; failed: number }> {
    const stalledBefore = new Date(this.now().getTime() - STALLED_AFTER_MS).toISOString();
    let resumed = 0;
    let failed = 0;
    for (const contactImport of await this.imports.inProgress()) {
      if (contactImport.updatedAt >= stalledBefore) continue;
      if (contactImport.status === 'importing') {
        const outcome = await this.resumeOrFail(contactImport);
        if (outcome === 'resumed') resumed++;
        if (outcome === 'failed') failed++;
      } else if (contactImport.dryRun?.status === 'running') {
        const reason = `no progress for ${STALLED_AFTER_MS / 60_000} minutes`;
        if ((await this.jobs.giveUpDryRun(contactImport.id, contactImport.dryRun.at, reason)) === 'failed') failed++;
      }
    }
    if (resumed + failed > 0) logger.warn('Stalled imports found', { resumed, failed });
    return { resumed, failed };
  }

  /**
   * Staff resume an import: one importing that has stood still for STAFF_RESUME_AFTER_MS goes on from its
   * checkpoint; one whose job gave up goes on from its last checkpoint under a new sequence.
   */
  async resume(id: string): Promise<ContactImport> {
    const contactImport = await this.imports.get(id);
    if (!contactImport) throw new NotFoundError(`No import with id ${id}.`);
    const { checkpoint } = contactImport;
    const at = this.now().toISOString();
    if (contactImport.status === 'importing' && checkpoint) {
      const still = this.now().getTime() - Date.parse(contactImport.updatedAt);
      if (still < STAFF_RESUME_AFTER_MS)
        throw new ConflictError(
          `Import ${id} is making progress (last at ${contactImport.updatedAt}); it can be resumed once it has stood still for ${STAFF_RESUME_AFTER_MS / 60_000} minutes.`,
        );
      await this.jobs.dispatch(id, checkpoint.sequence);
    } else if (contactImport.status === 'failed' && contactImport.failure?.code === 'job_failed' && checkpoint) {
      if (!(await this.imports.resumeFailed(id, checkpoint, at)))
        throw new ConflictError(`Import ${id} changed meanwhile; read it again.`);
      await this.jobs.dispatch(id, checkpoint.sequence + 1);
    } else {
      throw new ConflictError(
        `Import ${id} is ${contactImport.status}: only an import that stands still, or whose job gave up, can be resumed.`,
        { status: contactImport.status },
      );
    }
    logger.info('Import resumed by staff', { importId: id, record: checkpoint.record });
    return (await this.imports.get(id)) as ContactImport;
  }

  private async resumeOrFail(contactImport: StoredImport): Promise<'resumed' | 'failed' | 'ignored'> {
    const { id, checkpoint, updatedAt } = contactImport;
    if (!checkpoint) return 'ignored';
    const at = this.now().toISOString();
    const tries = await this.imports.recordJobFailure(id, checkpoint.sequence, at);
    if (tries === undefined) return 'ignored';
    if (tries < JOB_ATTEMPTS) {
      await this.jobs.dispatch(id, checkpoint.sequence);
      return 'resumed';
    }
    const message = `The import stopped after record ${checkpoint.record}: no progress since ${updatedAt}, and resuming did not help.`;
    if (!(await this.imports.failRun(id, checkpoint.sequence, { code: 'job_failed', message }, checkpoint.summary, at)))
      return 'ignored';
    metrics.addMetric(METRIC.importFailures, MetricUnit.Count, 1);
    return 'failed';
  }
}
