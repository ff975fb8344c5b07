import { Readable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { METRIC, MetricUnit, metrics } from '../../../shared/core/observability/metrics';
import { ImportJobRunner } from '../../../shared/imports/import-job';
import type { StoredImport } from '../../../shared/imports/imports-repository';
import { analyseCsvSample } from '../../../shared/imports/pipeline/import-pipeline';

const csv = 'Email,First Name\nann@example.org,Ann\nbob@example.org,Bob\n';
const analysis = analyseCsvSample(Buffer.from(csv), { defaultCountry: 'GB', wholeFile: true });

/** A dry run of `csv` whose contact look-ups are `findIdsBy`'s. */
async function dryRunWith(findIdsBy: () => Promise<Map<string, string>>) {
  const stored = {
    id: 'import-1',
    status: 'awaiting_mapping',
    analysis: { ...analysis, sizeBytes: csv.length },
    settings: { mapping: analysis.suggestedMapping, mode: 'create', addTags: [], consentSource: 'test' },
  } as unknown as StoredImport;
  const imports = { get: vi.fn().mockResolvedValue(stored), recordDryRun: vi.fn().mockResolvedValue(true) };
  const contacts = { findIdsBy: vi.fn(findIdsBy), getMany: vi.fn().mockResolvedValue(new Map()) };
  // A fresh stream each time the file is opened: the dry run reads it whole once to check it, then imports it.
  const s3 = { send: vi.fn().mockImplementation(async () => ({ Body: Readable.from([Buffer.from(csv)]) })) };
  const runner = new ImportJobRunner(imports as never, contacts as never, s3 as never, {
    bucket: 'imports',
    retentionDays: 30,
  });
  const result = await runner.dryRun('import-1', () => 900_000);
  return { result, recorded: imports.recordDryRun.mock.calls.at(-1)?.[1] };
}

describe('a dry run job', () => {
  it('records what the import would do', async () => {
    const { result, recorded } = await dryRunWith(async () => new Map());
    expect(result).toBe('completed');
    expect(recorded).toMatchObject({ status: 'completed', summary: { records: 2, created: 2 } });
  });

  it('ends visibly when it cannot look contacts up, rather than staying running, and counts the failure', async () => {
    const counted = vi.spyOn(metrics, 'addMetric');
    const { result, recorded } = await dryRunWith(async () => {
      throw new Error('DynamoDB is unreachable');
    });
    expect(result).toBe('failed');
    expect(recorded).toMatchObject({ status: 'failed', failure: 'The dry run failed; try it again.' });
    expect(counted).toHaveBeenCalledWith(METRIC.importFailures, MetricUnit.Count, 1);
    counted.mockRestore();
  });
});
