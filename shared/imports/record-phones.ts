import { normalisePhone } from '../contacts/contact';

/** The columns a record's numbers come from, as compileMapping finds them in the mapping. */
export interface PhoneColumns {
  /** The column mapped to phone (the mobile, where SMS goes), or -1. */
  phone: number;
  /** Columns mapped to the landline, in order. */
  landlineColumns: readonly number[];
  /** Columns whose kind each record's type column tells (Google's slots, CiviCRM's Phone Type), in order. */
  typedPhoneColumns: readonly { column: number; typeColumn: number; field: 'phone' | 'landline' }[];
}

/** What a type column says of a mobile: "Mobile", Google's "* Mobile" for the primary one, "Cell". */
export const MOBILE_TYPE = /\b(mobile|cell|cellular|mobil|handy|portable|symudol)\b/i;

/** Whether a typed column's number is a mobile, by its record's type; a record that says nothing keeps the column's field. */
export const typedAsMobile = (type: string, field: 'phone' | 'landline') =>
  type.trim() === '' ? field === 'phone' : MOBILE_TYPE.test(type);

/**
 * A record's mobile and landline. The mobile is the first valid number of the phone column, then of the typed
 * columns whose record says mobile (or says nothing, in a column mapped to phone); the landline the first valid
 * number of the landline columns, then of the other typed columns, then a second mobile (kept, never used for
 * SMS). Each is `invalid` when its columns held something and none of it was a valid number.
 * `validPhone` reads the phone column (on another thread, for the default country).
 */
export function phonesOf(
  fields: readonly string[],
  columns: PhoneColumns,
  country: string,
  validPhone: (raw: string) => string | undefined,
): { phone?: string; landline?: string; invalidPhone: boolean; invalidLandline: boolean } {
  const mobiles: (string | undefined)[] = [];
  const landlines: (string | undefined)[] = [];
  const rawPhone = columns.phone < 0 ? '' : (fields[columns.phone]?.trim() ?? '');
  if (rawPhone !== '') mobiles.push(validPhone(rawPhone));
  for (const column of columns.landlineColumns) {
    const raw = fields[column]?.trim() ?? '';
    if (raw !== '') landlines.push(normalisePhone(raw, country));
  }
  for (const { column, typeColumn, field } of columns.typedPhoneColumns) {
    const raw = fields[column]?.trim() ?? '';
    if (raw === '') continue;
    (typedAsMobile(fields[typeColumn] ?? '', field) ? mobiles : landlines).push(normalisePhone(raw, country));
  }
  const validMobiles = mobiles.filter((number) => number !== undefined);
  const phone = validMobiles[0];
  const landline = landlines.find((number) => number !== undefined) ?? validMobiles[1];
  return {
    ...(phone !== undefined && { phone }),
    ...(landline !== undefined && { landline }),
    invalidPhone: mobiles.length > 0 && phone === undefined,
    invalidLandline: landlines.length > 0 && landline === undefined,
  };
}
