import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openCsv } from '../shared/imports/pipeline/csv-reader';
import { analyseCsvSample, runImportPipeline } from '../shared/imports/pipeline/import-pipeline';

/**
 * One measurement in a process of its own, so its peak memory is its own: `raw` is the reader alone (decode
 * and parse, counting records), `pipeline` the whole in-process import without a database.
 */
const { values } = parseArgs({
  options: { mode: { type: 'string' }, file: { type: 'string' }, 'phone-workers': { type: 'string', default: '1' } },
});
const file = values.file as string;
// Only the start of the file, as the analysis of an upload reads it (reading it all would hold the file).
const sample = Buffer.alloc(64 * 1024);
const descriptor = openSync(file, 'r');
const sampleBytes = readSync(descriptor, sample, 0, sample.length, 0);
closeSync(descriptor);
const analysis = analyseCsvSample(sample.subarray(0, sampleBytes), { defaultCountry: 'GB', wholeFile: false });
const started = performance.now();
let records = 0;
if (values.mode === 'raw') {
  const { batches } = await openCsv(createReadStream(file, { highWaterMark: 1 << 20 }), analysis);
  for await (const batch of batches) records += batch.length;
} else {
  const { summary } = await runImportPipeline(createReadStream(file, { highWaterMark: 1 << 20 }), {
    ...analysis,
    mapping: analysis.suggestedMapping,
    phoneWorkers: Number(values['phone-workers']),
  });
  records = summary.records;
}
const seconds = (performance.now() - started) / 1000;
process.stdout.write(`${JSON.stringify({ records, seconds, peakRssMiB: process.resourceUsage().maxRSS / 1024 })}\n`);
