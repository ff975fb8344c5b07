import { type CountryCode, parsePhoneNumberWithError } from 'libphonenumber-js/max';
import { compact, GENERIC_PHONE_HEADERS, MOBILE_HEADERS } from './header-synonyms';
import type { ColumnTarget } from './import-mapping';

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
 * none to tell), else the landline. Google's typed slots ("Phone 1 - Value") take their kind from the slot's
 * "Phone 1 - Type" column, which is then ignored. Every landline column maps to the landline (a record's
 * first valid one is its landline: Outlook writes home and business numbers in separate columns); a second
 * mobile column is left to become a custom attribute.
 */
export function assignPhoneColumns(
  headers: readonly string[],
  targets: (ColumnTarget | undefined)[],
  sample: ColumnSample | undefined,
): void {
  const kinds = headers.map((header, index): PhoneKind | undefined => {
    const target = targets[index];
    if (target?.kind !== 'field' || (target.field !== 'phone' && target.field !== 'landline')) return undefined;
    const key = compact(header);
    const typed = typedSlotKind(headers, index, sample);
    if (typed) return typed;
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
  headers.forEach((header, index) => {
    if (SLOT_TYPE.test(header)) targets[index] = { kind: 'ignore' };
  });
}

const SLOT_VALUE = /^phone (\d+) - value$/i;
// Google's legacy export calls the slot's kind its Type, the current one its Label.
const SLOT_TYPE = /^phone \d+ - (type|label)$/i;

function typedSlotKind(
  headers: readonly string[],
  index: number,
  sample: ColumnSample | undefined,
): PhoneKind | undefined {
  const slot = SLOT_VALUE.exec(headers[index]?.trim() ?? '')?.[1];
  if (!slot || !sample) return undefined;
  const typeColumn = headers.findIndex((header) =>
    new RegExp(`^phone ${slot} - (type|label)$`, 'i').test(header.trim()),
  );
  if (typeColumn < 0) return undefined;
  const types = sample.rows.map((row) => (row[typeColumn] ?? '').trim().toLowerCase()).filter(Boolean);
  if (types.length === 0) return undefined;
  // Google writes "Mobile", or "* Mobile" for the primary number.
  const mobiles = types.filter((type) => /\bmobile\b/.test(type)).length;
  return mobiles * 2 >= types.length ? 'mobile' : 'landline';
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
