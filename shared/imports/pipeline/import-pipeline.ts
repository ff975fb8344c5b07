import { parse as parseSync } from 'csv-parse/sync';
import {
  type ColumnSuggestion,
  type ColumnTarget,
  fileConsentOf,
  type ImportMapping,
  suggestColumns,
} from '../import-mapping';
import { compileMapping, importReadRecord, type RejectReason, type WarningReason } from '../import-record';
import { type PhoneCountryProposal, proposePhoneCountry } from '../phone-country';
import { typedAsMobile } from '../record-phones';
import { CsvFormatError, type CsvRecord, checkHeader, csvParseOptions, openCsv } from './csv-reader';
import { PhoneValidatorPool } from './phone-validator-pool';
import {
  assertLooksLikeText,
  bomLength,
  type CsvEncoding,
  consentWordsSeen,
  decoderLabel,
  detectDelimiter,
  detectEncoding,
  detectTagSeparator,
  KNOWN_NO,
  KNOWN_YES,
  wholeRecordsPrefix,
} from './sniff';
import { type OnContact, SpillingDeduplicator } from './spilling-deduplicator';

export class NoRecordsError extends Error {}

/** Records per batch, and batches parsed ahead of the one being imported (their phones being validated). */
const BATCH_RECORDS = 500;
const BATCHES_AHEAD = 2;

export interface CsvAnalysis {
  encoding: CsvEncoding;
  delimiter: string;
  header: string[];
  /** The first records as read, for a person to check. */
  preview: string[][];
  columns: ColumnSuggestion[];
  /** A mapping that can be used as it is, or changed. */
  suggestedMapping: ImportMapping;
  /** Values in consent columns that are neither known yes nor known no words. */
  unknownConsentWords: string[];
  /** What only a person can decide: each left out of the suggested mapping until answered. */
  choices: ConsentChoice[];
  /** The default country the sample's national phone numbers fit best, when there are any to look at. */
  phoneCountry?: PhoneCountryProposal;
}

/** A consent column whose header does not say whether yes grants or refuses: the mapping takes one of the targets. */
export interface ConsentChoice {
  column: number;
  header: string;
  question: string;
  options: { meaning: string; target: ColumnTarget }[];
}

/** Reads the start of a file (64 KiB is plenty; `wholeFile` when that is all of it) and proposes how to import it. */
export function analyseCsvSample(
  sample: Uint8Array,
  options: { defaultCountry: string; wholeFile: boolean; previewRows?: number },
): CsvAnalysis {
  assertLooksLikeText(sample);
  const encoding = detectEncoding(sample);
  const text = new TextDecoder(decoderLabel(encoding)).decode(sample.subarray(bomLength(encoding)));
  const delimiter = detectDelimiter(text);
  // A sample cut from a longer file may end inside a record: parse its whole records only.
  const complete = options.wholeFile ? text : wholeRecordsPrefix(text);
  // A line of just "" is a record of one empty field to csv-parse, but blank to the import's reader (openCsv).
  const rows = (parseSync(complete, csvParseOptions(delimiter)) as string[][]).filter(
    (row) => row.length !== 1 || row[0] !== '',
  );
  const [names, ...body] = rows;
  if (!names) throw new CsvFormatError('The file has no header row.');
  const header = checkHeader(names);
  if (options.wholeFile && body.length === 0) throw new NoRecordsError('The file has a header but no records.');
  const columns = suggestColumns(header, { rows: body, defaultCountry: options.defaultCountry });
  const valuesOf = (predicate: (suggestion: ColumnSuggestion) => boolean) =>
    columns.flatMap((column, index) => (predicate(column) ? body.map((row) => row[index] ?? '') : []));
  const consentValues = valuesOf((c) => c.target.kind === 'field' && c.target.field.startsWith('consent_'));
  const phoneCountry = proposeDefaultCountry(columns, body, options.defaultCountry);
  const seen = consentWordsSeen(consentValues);
  return {
    encoding,
    delimiter,
    header,
    preview: body.slice(0, options.previewRows ?? 10),
    columns,
    suggestedMapping: {
      columns: columns.map((column) => column.target),
      defaultCountry: phoneCountry?.proposed ?? options.defaultCountry,
      consentWords: {
        yes: [...new Set([...seen.yes, ...KNOWN_YES])],
        no: [...new Set([...seen.no, ...KNOWN_NO])].filter(Boolean),
      },
      tagSeparator: detectTagSeparator(
        valuesOf((c) => c.target.kind === 'field' && c.target.field === 'tags'),
        delimiter,
      ),
      ...(fileConsentOf(header) && { fileConsent: fileConsentOf(header) }),
    },
    unknownConsentWords: seen.unknown,
    choices: columns.flatMap((column, index) => (column.unsureConsent ? [consentChoice(column, index)] : [])),
    ...(phoneCountry && { phoneCountry }),
  };
}

/**
 * The default country for national numbers, from the mobile column (else the landline's): the rows that
 * name their own country in a country column are left out, since they are read by it.
 */
function proposeDefaultCountry(
  columns: readonly ColumnSuggestion[],
  rows: readonly string[][],
  defaultCountry: string,
): PhoneCountryProposal | undefined {
  const columnOf = (field: string) =>
    columns.findIndex((column) => column.target.kind === 'field' && column.target.field === field);
  const country = columnOf('country');
  const withoutCountry = rows.filter((row) => country < 0 || (row[country] ?? '').trim() === '');
  for (const [field, mobile] of [
    ['phone', true],
    ['landline', false],
  ] as const) {
    const column = columnOf(field);
    if (column < 0) continue;
    const target = columns[column]?.target;
    const typedBy = target?.kind === 'field' ? target.typedBy : undefined;
    // A typed slot holds other kinds of number too: only those its rows call this field's kind are looked at.
    const ofThisKind = (row: readonly string[]) =>
      typedBy === undefined || typedAsMobile(row[typedBy] ?? '', field) === mobile;
    const proposal = proposePhoneCountry(
      withoutCountry.filter(ofThisKind).map((row) => row[column] ?? ''),
      defaultCountry,
      mobile,
    );
    if (proposal) return proposal;
  }
  return undefined;
}

function consentChoice(column: ColumnSuggestion, index: number): ConsentChoice {
  const field = column.unsureConsent as 'consent_email' | 'consent_sms';
  const channel = field === 'consent_email' ? 'email' : 'SMS';
  return {
    column: index,
    header: column.header,
    question: `Does yes in "${column.header}" grant ${channel} consent (an opt-in) or refuse it (an opt-out)?`,
    options: [
      {
        meaning: `opt-in: yes grants ${channel} consent, no withholds it`,
        target: { kind: 'field', field, polarity: 'opt_in' },
      },
      {
        meaning: `opt-out: yes refuses ${channel}, no says nothing`,
        target: { kind: 'field', field, polarity: 'opt_out' },
      },
      { meaning: 'not consent: leave the column out', target: { kind: 'ignore' } },
    ],
  };
}

/** The in-process pipeline's counts, named as in the generator's truth.json (the import job's summary is ImportSummary). */
export interface PipelineSummary {
  records: number;
  imported_records: number;
  rejected_records: number;
  rejected: Partial<Record<RejectReason, number>>;
  warnings: Partial<Record<WarningReason | 'channel_conflict' | 'phone_held_by_other', number>>;
  duplicate_records: number;
  unique_contacts: number;
  contacts_with_email: number;
  contacts_with_phone: number;
  consent_email: number;
  consent_sms: number;
  tag_counts: Record<string, number>;
}

export interface RejectedRecord {
  record: number;
  line: number;
  reason: RejectReason;
  fields: string[];
}

/**
 * Runs a whole file through decode, parse, map, validate, normalise and in-file de-duplication without
 * holding the file, or its people, in memory: merging spills to files under `workDir` (the system's
 * temporary folder by default). Each merged contact goes to `onContact` (awaited when it returns a promise)
 * with how many records made it, rejected records to `onRejected` with their record and line numbers;
 * returns the header and the summary.
 *
 * Phones are validated on `phoneWorkers` worker threads beside parsing (1 by default), or on this thread
 * with 0: a Lambda function below 1,769 MB has less than one core, and its bundle has no worker script.
 */
export async function runImportPipeline(
  source: AsyncIterable<Uint8Array>,
  options: {
    encoding: CsvEncoding;
    /** Bad bytes become U+FFFD and their records are rejected (`invalid_encoding`), rather than stop the read. */
    lenient?: boolean;
    delimiter: string;
    mapping: ImportMapping;
    onRejected?: (rejected: RejectedRecord) => void;
    onContact?: OnContact;
    workDir?: string;
    phoneWorkers?: number;
  },
) {
  const { header, batches } = await openCsv(source, options);
  if (header.length !== options.mapping.columns.length)
    throw new Error(`The mapping has ${options.mapping.columns.length} columns but the file has ${header.length}.`);
  const mapping = compileMapping(options.mapping);
  const people = new SpillingDeduplicator(options.workDir);
  const summary: PipelineSummary = {
    records: 0,
    imported_records: 0,
    rejected_records: 0,
    rejected: {},
    warnings: {},
    duplicate_records: 0,
    unique_contacts: 0,
    contacts_with_email: 0,
    contacts_with_phone: 0,
    consent_email: 0,
    consent_sms: 0,
    tag_counts: {},
  };
  try {
    await readRecords();
  } catch (error) {
    people.discard();
    throw error;
  }
  const merging = await people.finish((person, records) => {
    summary.unique_contacts++;
    if (person.email) summary.contacts_with_email++;
    if (person.phone) summary.contacts_with_phone++;
    if (person.email && person.consentEmail) summary.consent_email++;
    if (person.phone && person.consentSms) summary.consent_sms++;
    for (const tag of person.tags) increment(summary.tag_counts, tag);
    return options.onContact?.(person, records);
  });
  summary.duplicate_records = merging.merged;
  if (merging.conflicts > 0) summary.warnings.channel_conflict = merging.conflicts;
  if (merging.phoneHeldByOther > 0) summary.warnings.phone_held_by_other = merging.phoneHeldByOther;
  return { header, summary };

  /**
   * Records go through in batches: a batch's phones are validated on a worker thread while the next batch is
   * parsed, and each batch is then imported in order on this thread.
   */
  async function readRecords() {
    const phoneColumn = mapping.phoneColumns.phone;
    const workers = options.phoneWorkers ?? 1;
    const pool = phoneColumn >= 0 && workers > 0 ? new PhoneValidatorPool(workers) : undefined;
    const queue: { batch: CsvRecord[]; phones?: Promise<(string | null)[]> }[] = [];
    const send = (batch: CsvRecord[]) => {
      const phones = batch.map((record) =>
        record.fields.length === mapping.columnCount ? (record.fields[phoneColumn] ?? '').trim() : '',
      );
      queue.push({ batch, ...(pool && { phones: pool.validate(phones, mapping.defaultCountry) }) });
    };
    const importNext = async () => {
      const { batch, phones } = queue.shift() as (typeof queue)[number];
      const valid = phones ? await phones : undefined;
      // One function for the batch (not one a record): the record being imported is `current`.
      let current = 0;
      const validPhone = valid ? () => valid[current] ?? undefined : undefined;
      for (; current < batch.length; current++) importOne(batch[current] as CsvRecord, validPhone);
    };
    try {
      let batch: CsvRecord[] = [];
      for await (const read of batches) {
        for (const record of read) batch.push(record);
        if (batch.length < BATCH_RECORDS) continue;
        send(batch);
        batch = [];
        if (queue.length > BATCHES_AHEAD) await importNext();
      }
      if (batch.length > 0) send(batch);
      while (queue.length > 0) await importNext();
    } finally {
      await pool?.close();
    }
    if (summary.records === 0) throw new NoRecordsError('The file has a header but no records.');
  }

  function importOne(record: CsvRecord, validPhone?: (raw: string) => string | undefined) {
    summary.records++;
    const outcome = importReadRecord(record, mapping, validPhone);
    if (outcome.kind === 'rejected') {
      summary.rejected_records++;
      increment(summary.rejected, outcome.reason);
      options.onRejected?.({ record: record.record, line: record.line, reason: outcome.reason, fields: record.fields });
      return;
    }
    summary.imported_records++;
    for (const warning of outcome.warnings) increment(summary.warnings, warning);
    people.add(outcome.person);
  }
}

function increment<K extends string>(bucket: Partial<Record<K, number>>, key: K) {
  bucket[key] = (bucket[key] ?? 0) + 1;
}
