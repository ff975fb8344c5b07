import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { type ContactFileEncoding, encodeText, UTF8_BOM } from './encodings.ts';
import { LAYOUTS, type LayoutName, layoutFields, layoutHeader } from './layouts.ts';
import {
  INVALID_EMAILS,
  INVALID_PHONES,
  type Person,
  peopleOf,
  writeEmailMessily,
  writePhone,
  writePostcodeMessily,
} from './people.ts';
import { seededRandom } from './random.ts';

export interface ContactFileOptions {
  rows: number;
  seed: number;
  layout: LayoutName;
  encoding: ContactFileEncoding;
  /** Share of records with a bad value: rejected, or imported with a warning (see `DIRTY_KINDS`). */
  dirty?: number;
  /** Share of records that repeat an earlier person, written differently. */
  dupes?: number;
  /** Share of records with a blank line before them (skipped, not records). */
  blank?: number;
  /** Every Nth clean person goes into the truth's sample, with the values an import must store. */
  sampleEvery?: number;
}

export const CONTACT_FILE_DEFAULTS = { dirty: 0.04, dupes: 0.03, blank: 0.002, sampleEvery: 1000 };

/**
 * What a correct import of the file must report and store (docs/contact-files.md): the import's summary
 * counts, spelled out here on purpose rather than typed from the pipeline's, which they check.
 */
export interface ContactFileTruth {
  generator: Required<ContactFileOptions>;
  delimiter: string;
  line_ending: 'LF' | 'CRLF';
  default_country: 'GB';
  header: string[];
  /** Header to field; the full-name column is split into first and last name. */
  expected_mapping: Record<string, string>;
  records: number;
  imported_records: number;
  rejected_records: number;
  duplicate_records: number;
  rejected: Record<string, number>;
  warnings: Record<string, number>;
  unique_contacts: number;
  contacts_with_email: number;
  contacts_with_phone: number;
  consent_email: number;
  consent_sms: number;
  tag_counts: Record<string, number>;
  /** The first 1,000 rejected records: record number, physical line where it starts, reason. */
  rejected_list: { record: number; line: number; reason: string }[];
  sample: ({ record: number } & Person)[];
}

/** The bad records a file holds, each as likely as the others. */
const DIRTY_KINDS = [
  'invalid_email_only', // rejected: no_valid_channel
  'no_channel', // rejected: no_valid_channel
  'too_few_fields', // rejected: column_count
  'too_many_fields', // rejected: column_count
  'invalid_email_with_phone', // imported by its phone, warning invalid_email
  'invalid_phone_with_email', // imported by its email, warning invalid_phone
] as const;

/** Dirty records are people of their own, numbered from here so they never share a clean person's channels. */
const DIRTY_PERSON_OFFSET = 1e7;
const REJECTED_LIST_LIMIT = 1000;
/** How many clean people a repeat is drawn from (a sliding pool, so repeats stay spread through the file). */
const REPEAT_POOL = 5000;
const FLUSH_BYTES = 1 << 20;

/** Writes a generated contacts CSV to `out` and returns its ground truth. Deterministic for its options. */
export async function writeContactFile(input: ContactFileOptions, out: Writable): Promise<ContactFileTruth> {
  const options: Required<ContactFileOptions> = {
    ...input,
    dirty: input.dirty ?? CONTACT_FILE_DEFAULTS.dirty,
    dupes: input.dupes ?? CONTACT_FILE_DEFAULTS.dupes,
    blank: input.blank ?? CONTACT_FILE_DEFAULTS.blank,
    sampleEvery: input.sampleEvery ?? CONTACT_FILE_DEFAULTS.sampleEvery,
  };
  const layout = LAYOUTS[options.layout];
  if (!layout) throw new Error(`unknown layout ${options.layout}`);
  const random = seededRandom(options.seed);
  const people = peopleOf(random, { windows1252: options.encoding === 'windows-1252' });
  const fields = layoutFields(layout);
  const header = layoutHeader(layout);

  const truth: ContactFileTruth = {
    generator: options,
    delimiter: layout.delimiter,
    line_ending: layout.lineEnding === '\n' ? 'LF' : 'CRLF',
    default_country: 'GB',
    header,
    expected_mapping: Object.fromEntries([
      ...('fullNameHeader' in layout ? [[layout.fullNameHeader, 'full_name (split into first_name, last_name)']] : []),
      ...fields.map((field) => [layout.headers[field] as string, field]),
    ]),
    records: 0,
    imported_records: 0,
    rejected_records: 0,
    duplicate_records: 0,
    rejected: {},
    warnings: {},
    unique_contacts: 0,
    contacts_with_email: 0,
    contacts_with_phone: 0,
    consent_email: 0,
    consent_sms: 0,
    tag_counts: {},
    rejected_list: [],
    sample: [],
  };
  const count = (bucket: Record<string, number>, key: string) => {
    bucket[key] = (bucket[key] ?? 0) + 1;
  };
  const reject = (record: number, line: number, reason: 'no_valid_channel' | 'column_count') => {
    truth.rejected_records++;
    count(truth.rejected, reason);
    if (truth.rejected_list.length < REJECTED_LIST_LIMIT) truth.rejected_list.push({ record, line, reason });
  };
  const importAsNew = (person: Person) => {
    truth.imported_records++;
    truth.unique_contacts++;
    if (person.email) truth.contacts_with_email++;
    if (person.phone) truth.contacts_with_phone++;
    if (person.consent_email && person.email) truth.consent_email++;
    if (person.consent_sms && person.phone) truth.consent_sms++;
    for (const tag of person.tags) count(truth.tag_counts, tag);
  };

  const cells = (person: Person, written: { messy?: boolean; email?: string; phone?: string } = {}) => {
    const value: Record<(typeof fields)[number], string> = {
      first_name: person.first_name,
      last_name: person.last_name,
      email: written.email ?? (written.messy ? writeEmailMessily(random, person.email) : person.email),
      phone: written.phone ?? writePhone(random, person.phone),
      postcode: written.messy ? writePostcodeMessily(person.postcode) : person.postcode,
      ward: person.ward,
      tags: person.tags.join(layout.tagSeparator),
      language: person.language,
      consent_email: random.pick(person.consent_email ? layout.yes : layout.no),
      consent_sms: random.pick(person.consent_sms ? layout.yes : layout.no),
      external_id: person.external_id,
      address: person.address,
    };
    const fullName =
      'fullNameHeader' in layout
        ? [
            random.chance(0.5)
              ? `${person.last_name.toUpperCase()}, ${person.first_name}`
              : `${person.first_name} ${person.last_name}`,
          ]
        : [];
    return [...fullName, ...fields.map((field) => value[field])];
  };
  const needsQuotes = /[",;|\r\n]|^\s|\s$/;
  const quote = (value: string) =>
    needsQuotes.test(value) || value.includes(layout.delimiter) ? `"${value.replaceAll('"', '""')}"` : value;
  const line = (values: string[]) => values.map(quote).join(layout.delimiter) + layout.lineEnding;

  let pending = '';
  const flush = async () => {
    const bytes = encodeText(pending, options.encoding);
    pending = '';
    if (!out.write(bytes)) await new Promise((resolve) => out.once('drain', resolve));
  };
  if (options.encoding === 'utf8-bom') out.write(UTF8_BOM);
  pending += line(header);

  const repeatPool: Person[] = [];
  let physicalLine = 2;
  for (let record = 1; record <= options.rows; record++) {
    if (random.chance(options.blank)) {
      pending += layout.lineEnding;
      physicalLine++;
    }
    truth.records++;
    const roll = random.next();
    let values: string[];
    if (roll < options.dirty) {
      const person = people.person(DIRTY_PERSON_OFFSET + record);
      const kind = random.pick(DIRTY_KINDS);
      const badEmail = random.pick(INVALID_EMAILS);
      const badPhone = random.pick(INVALID_PHONES);
      if (kind === 'invalid_email_only') {
        values = cells(person, { email: badEmail, phone: '' });
        reject(record, physicalLine, 'no_valid_channel');
      } else if (kind === 'no_channel') {
        values = cells(person, { email: '', phone: '' });
        reject(record, physicalLine, 'no_valid_channel');
      } else if (kind === 'too_few_fields') {
        values = cells(person).slice(0, header.length - 3);
        reject(record, physicalLine, 'column_count');
      } else if (kind === 'too_many_fields') {
        values = [...cells(person), 'extra', 'values'];
        reject(record, physicalLine, 'column_count');
      } else if (kind === 'invalid_email_with_phone') {
        const kept = { ...person, email: '', phone: person.phone || people.spareMobile(record) };
        values = cells(kept, { email: badEmail });
        count(truth.warnings, 'invalid_email');
        importAsNew(kept);
      } else {
        const kept = { ...person, phone: '', email: person.email || people.spareEmail(record) };
        values = cells(kept, { phone: badPhone });
        count(truth.warnings, 'invalid_phone');
        importAsNew(kept);
      }
    } else if (roll < options.dirty + options.dupes && repeatPool.length > 0) {
      values = cells(random.pick(repeatPool), { messy: true });
      truth.duplicate_records++;
      truth.imported_records++;
    } else {
      const person = people.person(record);
      values = cells(person, { messy: random.chance(0.1) });
      if (repeatPool.length < REPEAT_POOL) repeatPool.push(person);
      else if (random.chance(0.01)) repeatPool[random.int(0, repeatPool.length - 1)] = person;
      importAsNew(person);
      if (record % options.sampleEvery === 0) truth.sample.push({ record, ...person });
    }
    const text = line(values);
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) physicalLine++;
    pending += text;
    if (pending.length > FLUSH_BYTES) await flush();
  }
  await flush();
  return truth;
}

/** Writes the CSV (and its truth as JSON, when asked) to files. */
export async function generateContactFile(
  options: ContactFileOptions,
  files: { csv: string; truth?: string },
): Promise<ContactFileTruth> {
  const out = createWriteStream(files.csv);
  const truth = await writeContactFile(options, out);
  out.end();
  await finished(out);
  if (files.truth) await writeTruthFile(files.truth, truth);
  return truth;
}

export const writeTruthFile = (path: string, truth: ContactFileTruth) =>
  writeFile(path, `${JSON.stringify(truth, null, 2)}\n`);
