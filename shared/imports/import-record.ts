import type { Channel } from '../contacts/contact';
import {
  CONTACT_LIMITS,
  normaliseEmail,
  normaliseLanguage,
  normalisePhone,
  normalisePostcode,
  normaliseTags,
} from '../contacts/contact';
import { countryCodeOf } from './countries';
import { consentOf } from './import-consent';
import { IMPORT_FIELDS, type ImportField, type ImportMapping } from './import-mapping';
import { splitFullName, tagsOfCell } from './names-and-tags';
import { type PhoneColumns, phonesOf } from './record-phones';

/**
 * One CSV record through the import rules (also stated in docs/contact-files.md):
 * - a record longer than the reader takes (a million characters) is rejected (`record_too_long`), its first
 *   characters in the error report;
 * - a field count other than the header's rejects the record (`column_count`), and so does a record
 *   holding bytes its file's encoding cannot decode (`invalid_encoding`);
 * - an invalid email, mobile or landline is dropped with a warning (`invalid_email`, `invalid_phone`);
 * - a record left with no valid email, mobile or landline is rejected (`no_valid_channel`), and its
 *   dropped values are then not also counted as warnings;
 * - consent is read from the mapping's yes/no words and kept only for a channel that has a valid value;
 * - a record with a field longer than a contact may hold (a name over 200 characters: CONTACT_LIMITS, the
 *   API's own) is rejected (`value_too_long`), and one with more tags than a contact may have
 *   (`too_many_values`): the row goes to the error report to be corrected, rather than the value being cut
 *   short;
 * - a custom attribute's value over 1,000 characters is dropped with a warning (`attribute_too_long`), the
 *   value in the warnings report: attributes are often proposed by the analysis from a sample, and a row is
 *   never rejected because of a choice nobody made.
 */
export type RejectReason =
  | 'record_too_long'
  | 'column_count'
  | 'no_valid_channel'
  | 'value_too_long'
  | 'too_many_values'
  | 'invalid_encoding';
export type WarningReason =
  | 'invalid_email'
  | 'invalid_phone'
  | 'invalid_language'
  | 'unknown_consent_word'
  | 'invalid_consent_time'
  | 'unknown_country'
  | 'attribute_too_long';

/** What a record says of a channel's consent beyond granted or not: when, and whether it was an opt-out. */
export interface ConsentEvidence {
  /** When the status was given (ISO 8601), from the file's consent time column. */
  at?: string;
  /** An explicit refusal (an opt-out column said yes, or the whole file is refused). */
  optOut?: true;
}

export interface ImportedPerson {
  firstName?: string;
  lastName?: string;
  email?: string;
  phone?: string;
  landline?: string;
  postcode?: string;
  ward?: string;
  language?: string;
  tags: string[];
  consentEmail?: boolean;
  consentSms?: boolean;
  /** Only when a record says more than granted or not. */
  consentEvidence?: { email?: ConsentEvidence; sms?: ConsentEvidence };
  externalId?: string;
  attributes: Record<string, string>;
}

/** A person's single text values, each also a contact's field of the same name. */
export const PERSON_TEXT_FIELDS = [
  'firstName',
  'lastName',
  'email',
  'phone',
  'landline',
  'postcode',
  'ward',
  'language',
  'externalId',
] as const satisfies readonly (keyof ImportedPerson)[];

export type RecordOutcome =
  | { kind: 'rejected'; reason: RejectReason }
  | { kind: 'person'; person: ImportedPerson; warnings: readonly WarningReason[] };

/** A record's value in `column`, or undefined where no column is mapped (-1). */
const valueAt = (fields: readonly string[], column: number) => (column < 0 ? undefined : fields[column]);

const REPLACEMENT_CHARACTER = '\uFFFD';

/** Most records warn of nothing: they share one empty list rather than each making its own. */
const NO_WARNINGS: readonly WarningReason[] = Object.freeze([]);
const warned = (warnings: WarningReason[] | undefined, reason: WarningReason) => {
  const list = warnings ?? [];
  list.push(reason);
  return list;
};

export interface CompiledMapping {
  columnCount: number;
  /** The column mapped to each field (the last, if more than one), or -1. */
  fieldColumns: Record<ImportField, number>;
  /** Columns split into first and last name, in order. */
  fullNameColumns: number[];
  /** Columns mapped to the landline, in order: a record's first valid number there is its landline. */
  landlineColumns: number[];
  /** Where a record's numbers come from (phonesOf). */
  phoneColumns: PhoneColumns;
  /** Columns mapped to each channel's consent time: a record's latest valid time there is when its status was given. */
  consentTimeColumns: Record<Channel, number[]>;
  /** Columns kept as custom attributes, with their names. */
  attributeColumns: { column: number; key: string }[];
  defaultCountry: string;
  yes: Set<string>;
  no: Set<string>;
  tagSeparator: string;
  /** Each channel's opt-out columns ("Do Not Email", "No Bulk Emails (User Opt Out)"): a yes in any is a refusal. */
  optOutColumns: Record<Channel, number[]>;
  /** The status of every record that says nothing itself, by channel. */
  fileConsent: Partial<Record<Channel, 'granted' | 'refused'>>;
}

export function compileMapping(mapping: ImportMapping): CompiledMapping {
  const fieldColumns = Object.fromEntries(IMPORT_FIELDS.map((field) => [field, -1])) as Record<ImportField, number>;
  const fullNameColumns: number[] = [];
  const landlineColumns: number[] = [];
  const typedPhoneColumns: PhoneColumns['typedPhoneColumns'][number][] = [];
  const consentTimeColumns: Record<Channel, number[]> = { email: [], sms: [] };
  const attributeColumns: { column: number; key: string }[] = [];
  const optOutColumns: Record<Channel, number[]> = { email: [], sms: [] };
  mapping.columns.forEach((target, column) => {
    if (target.kind === 'field' && target.typedBy !== undefined) {
      if (target.field === 'phone' || target.field === 'landline')
        typedPhoneColumns.push({ column, typeColumn: target.typedBy, field: target.field });
      return;
    }
    if (target.kind === 'field' && target.field === 'landline') landlineColumns.push(column);
    if (target.kind === 'field' && target.field === 'consent_email_time') consentTimeColumns.email.push(column);
    if (target.kind === 'field' && target.field === 'consent_sms_time') consentTimeColumns.sms.push(column);
    const consentChannel = target.kind === 'field' ? CONSENT_FIELDS[target.field] : undefined;
    if (consentChannel && target.kind === 'field' && target.polarity === 'opt_out') {
      optOutColumns[consentChannel].push(column);
      return;
    }
    if (target.kind === 'field') fieldColumns[target.field] = column;
    else if (target.kind === 'fullName') fullNameColumns.push(column);
    else if (target.kind === 'attribute') attributeColumns.push({ column, key: target.key });
  });
  return {
    columnCount: mapping.columns.length,
    fieldColumns,
    fullNameColumns,
    landlineColumns,
    phoneColumns: { phone: fieldColumns.phone, landlineColumns, typedPhoneColumns },
    consentTimeColumns,
    attributeColumns,
    defaultCountry: mapping.defaultCountry,
    yes: new Set(mapping.consentWords.yes.map((word) => word.trim().toLowerCase())),
    no: new Set(['', ...mapping.consentWords.no.map((word) => word.trim().toLowerCase())]),
    // Separators are matched without their padding; every tag is trimmed anyway.
    tagSeparator: mapping.tagSeparator.trim() || mapping.tagSeparator,
    optOutColumns,
    fileConsent: mapping.fileConsent ?? {},
  };
}

const CONSENT_FIELDS: Partial<Record<ImportField, Channel>> = { consent_email: 'email', consent_sms: 'sms' };

/** A record as the CSV reader passed it on: one it read past, being too long, is rejected whole. */
export function importReadRecord(
  record: { fields: readonly string[]; tooLong?: number },
  mapping: CompiledMapping,
  validPhone?: (raw: string) => string | undefined,
): RecordOutcome {
  if (record.tooLong !== undefined) return { kind: 'rejected', reason: 'record_too_long' };
  return importRecord(record.fields, mapping, validPhone);
}

/** `validPhone` may be given when the mobile column's phones were validated elsewhere (on another thread) by the same rule. */
export function importRecord(
  fields: readonly string[],
  mapping: CompiledMapping,
  validPhone: (raw: string) => string | undefined = (raw) => normalisePhone(raw, mapping.defaultCountry),
): RecordOutcome {
  if (fields.length !== mapping.columnCount) return { kind: 'rejected', reason: 'column_count' };
  // Bytes a lenient read could not decode (checkWholeFile found the file mostly UTF-8, but not this record).
  if (fields.some((field) => field.includes(REPLACEMENT_CHARACTER)))
    return { kind: 'rejected', reason: 'invalid_encoding' };
  const columns = mapping.fieldColumns;
  // Each field's value as read, or undefined where no column is mapped to it.
  const values = {
    first_name: valueAt(fields, columns.first_name),
    last_name: valueAt(fields, columns.last_name),
    email: valueAt(fields, columns.email),
    phone: valueAt(fields, columns.phone),
    landline: valueAt(fields, columns.landline),
    country: valueAt(fields, columns.country),
    postcode: valueAt(fields, columns.postcode),
    ward: valueAt(fields, columns.ward),
    tags: valueAt(fields, columns.tags),
    language: valueAt(fields, columns.language),
    consent_email: valueAt(fields, columns.consent_email),
    consent_sms: valueAt(fields, columns.consent_sms),
    consent_email_time: valueAt(fields, columns.consent_email_time),
    consent_sms_time: valueAt(fields, columns.consent_sms_time),
    external_id: valueAt(fields, columns.external_id),
  } satisfies Record<ImportField, string | undefined>;
  const person: ImportedPerson = { tags: [], attributes: {} };
  for (const column of mapping.fullNameColumns) Object.assign(person, splitFullName(fields[column] as string));
  let warnings: WarningReason[] | undefined;
  for (const { column, key } of mapping.attributeColumns) {
    const value = fields[column] as string;
    if (value.length > CONTACT_LIMITS.attributeValue) warnings = warned(warnings, 'attribute_too_long');
    else if (value.trim() !== '') person.attributes[key] = value;
  }
  // The record's own country, when the file has a country column, reads its national numbers and postcode.
  const rawCountry = values.country?.trim() ?? '';
  const ownCountry = rawCountry === '' ? undefined : countryCodeOf(rawCountry);
  if (rawCountry !== '' && ownCountry === undefined) warnings = warned(warnings, 'unknown_country');
  const country = ownCountry ?? mapping.defaultCountry;
  const rawEmail = values.email?.trim() ?? '';
  const email = rawEmail === '' ? undefined : normaliseEmail(rawEmail);
  // `validPhone` read the number with the default country (on another thread): another country reads it here.
  const { phone, landline, invalidPhone, invalidLandline } = phonesOf(
    fields,
    mapping.phoneColumns,
    country,
    country === mapping.defaultCountry ? validPhone : (raw) => normalisePhone(raw, country),
  );
  if (email === undefined && phone === undefined && landline === undefined)
    return { kind: 'rejected', reason: 'no_valid_channel' };
  if (rawEmail !== '' && email === undefined) warnings = warned(warnings, 'invalid_email');
  if (invalidPhone) warnings = warned(warnings, 'invalid_phone');
  if (invalidLandline) warnings = warned(warnings, 'invalid_phone');
  if (email !== undefined) person.email = email;
  if (phone !== undefined) person.phone = phone;
  if (landline !== undefined) person.landline = landline;

  if (values.first_name?.trim()) person.firstName = values.first_name;
  if (values.last_name?.trim()) person.lastName = values.last_name;
  const postcode = values.postcode?.trim();
  if (postcode) person.postcode = normalisePostcode(postcode, country);
  const ward = values.ward?.trim();
  if (ward) person.ward = ward;
  const externalId = values.external_id?.trim();
  if (externalId) person.externalId = externalId;
  const language = values.language?.trim();
  if (language) {
    const canonical = normaliseLanguage(language);
    if (canonical && canonical.length <= CONTACT_LIMITS.language) person.language = canonical;
    else warnings = warned(warnings, 'invalid_language');
  }
  if (values.tags) person.tags = normaliseTags(tagsOfCell(values.tags, mapping.tagSeparator));
  const overLimit = beyondContactLimits(person);
  if (overLimit) return { kind: 'rejected', reason: overLimit };
  for (const [channel, reached, word] of [
    ['email', email, values.consent_email],
    ['sms', phone, values.consent_sms],
  ] as const) {
    if (reached === undefined) continue;
    const cells = (columns: readonly number[]) => columns.map((column) => fields[column] as string);
    const read = consentOf(
      channel,
      { word, optOuts: cells(mapping.optOutColumns[channel]), times: cells(mapping.consentTimeColumns[channel]) },
      mapping,
    );
    if (read.warning) warnings = warned(warnings, read.warning);
    if (read.status === undefined) continue;
    person[channel === 'email' ? 'consentEmail' : 'consentSms'] = read.status === 'granted';
    const evidence: ConsentEvidence = {
      ...(read.at && { at: read.at }),
      ...(read.status === 'refused' && { optOut: true as const }),
    };
    if (evidence.at || evidence.optOut) person.consentEvidence = { ...person.consentEvidence, [channel]: evidence };
  }
  return { kind: 'person', person, warnings: warnings ?? NO_WARNINGS };
}

/** Whether a person's fields hold more than a contact may (the limits the contacts API checks). */
function beyondContactLimits(person: ImportedPerson): 'value_too_long' | 'too_many_values' | undefined {
  if (
    tooLong(person.firstName, CONTACT_LIMITS.name) ||
    tooLong(person.lastName, CONTACT_LIMITS.name) ||
    tooLong(person.ward, CONTACT_LIMITS.ward) ||
    tooLong(person.postcode, CONTACT_LIMITS.postcode) ||
    tooLong(person.externalId, CONTACT_LIMITS.externalId) ||
    person.tags.some(tagTooLong)
  )
    return 'value_too_long';
  // A mapping holds no more attribute columns than a contact may have (mappingProblems), so only tags can be too many.
  if (person.tags.length > CONTACT_LIMITS.tags) return 'too_many_values';
  return undefined;
}

const tooLong = (value: string | undefined, limit: number) => value !== undefined && value.length > limit;
const tagTooLong = (tag: string) => tag.length > CONTACT_LIMITS.tag;
