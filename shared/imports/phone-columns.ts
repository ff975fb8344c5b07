import { type CountryCode, parsePhoneNumberWithError } from 'libphonenumber-js/max';
import { compact, GENERIC_PHONE_HEADERS, MOBILE_HEADERS } from './header-synonyms';
import type { ColumnTarget } from './import-mapping';
import { MOBILE_TYPE } from './record-phones';

/** What the analysis knows of the data: the first records, and the country national numbers belong to. */
export interface ColumnSample {
  rows: readonly (readonly string[])[];
  defaultCountry: string;
}

type PhoneKind = 'mobile' | 'landline' | 'generic';

/**
 * Which phone column is the contact's mobile (`phone`, where SMS goes) and which its landline. A column named
 * as a mobile is the mobile; one named as a landline (home, office) is the landline; a generic one ("Phone")
 * is the landline beside a mobile column, else the mobile when its numbers are mostly mobiles (or there are
 * none to tell), else the landline. Every landline column maps to the landline (a record's first valid one is
 * its landline: Outlook writes home and business numbers in separate columns); a second mobile column is left
 * to become a custom attribute.
 *
 * A column with a type column beside it (Google's "Phone 1 - Value" and "Phone 1 - Label", CiviCRM's "Phone"
 * and "Phone Type") is typed by it: each record's type says whether its number is a mobile, since one slot
 * holds a mobile for one person and a home number for the next. Its field is what most of the sample's types
 * say, for records that say nothing; the type column itself is ignored.
 */
export function assignPhoneColumns(
  headers: readonly string[],
  targets: (ColumnTarget | undefined)[],
  sample: ColumnSample | undefined,
): void {
  const isPhone = (index: number) => {
    const target = targets[index];
    return target?.kind === 'field' && (target.field === 'phone' || target.field === 'landline');
  };
  const typeColumns = headers.map((_, index) => (isPhone(index) ? typeColumnOf(headers, index) : -1));
  for (const typeColumn of typeColumns) if (typeColumn >= 0) targets[typeColumn] = { kind: 'ignore' };
  const kinds = headers.map((header, index): PhoneKind | undefined => {
    const target = targets[index];
    if (!isPhone(index) || target?.kind !== 'field' || typeColumns[index] !== -1) return undefined;
    const key = compact(header);
    if (MOBILE_HEADERS.has(key)) return 'mobile';
    if (GENERIC_PHONE_HEADERS.has(key)) return 'generic';
    return target.field === 'phone' ? 'mobile' : 'landline';
  });
  const hasMobile = kinds.includes('mobile');
  let mobileTaken = false;
  kinds.forEach((kind, index) => {
    if (kind === undefined) return;
    const asMobile = kind === 'mobile' || (kind === 'generic' && !hasMobile && mostlyMobiles(index, sample));
    if (asMobile && !mobileTaken) {
      targets[index] = { kind: 'field', field: 'phone' };
      mobileTaken = true;
    } else if (!asMobile) targets[index] = { kind: 'field', field: 'landline' };
    else targets[index] = undefined;
  });
  typeColumns.forEach((typeColumn, index) => {
    if (typeColumn < 0 || !isPhone(index)) return;
    const field = mostlyTypedMobile(typeColumn, sample) ? 'phone' : 'landline';
    targets[index] = { kind: 'field', field, typedBy: typeColumn };
  });
}

/** The column naming the kind of the phone column at `index`: "Phone 1 - Type" or "- Label" (Google), "Phone Type". */
function typeColumnOf(headers: readonly string[], index: number): number {
  const base = (headers[index] ?? '')
    .trim()
    .replace(/\s+-\s+value$/i, '')
    .toLowerCase();
  const names = new Set([`${base} - type`, `${base} - label`, `${base} type`]);
  return headers.findIndex((header, other) => other !== index && names.has(header.trim().toLowerCase()));
}

/** Whether most of the sample's types say mobile (Google writes "Mobile", or "* Mobile" for the primary number). */
function mostlyTypedMobile(typeColumn: number, sample: ColumnSample | undefined): boolean {
  const types = (sample?.rows ?? []).map((row) => (row[typeColumn] ?? '').trim()).filter(Boolean);
  if (types.length === 0) return true;
  return types.filter((type) => MOBILE_TYPE.test(type)).length * 2 >= types.length;
}

function mostlyMobiles(column: number, sample: ColumnSample | undefined): boolean {
  if (!sample) return true;
  let valid = 0;
  let mobile = 0;
  for (const row of sample.rows) {
    const value = row[column]?.trim();
    if (!value) continue;
    const kind = isMobileNumber(value, sample.defaultCountry);
    if (kind === undefined) continue;
    valid++;
    if (kind) mobile++;
  }
  return valid === 0 || mobile * 2 >= valid;
}

/**
 * Whether a number can take SMS: true for a mobile (or a number its country does not tell from a landline,
 * as in the US), false for a landline or any other kind, undefined when it is not a valid number.
 */
function isMobileNumber(raw: string, defaultCountry: string): boolean | undefined {
  try {
    const phone = parsePhoneNumberWithError(raw.trim().replace(/^00(?=[1-9])/, '+'), defaultCountry as CountryCode);
    if (!phone.isValid()) return undefined;
    const type = phone.getType();
    return type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE';
  } catch {
    return undefined;
  }
}
