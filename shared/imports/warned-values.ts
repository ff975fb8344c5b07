import { CONTACT_LIMITS, normalisePhone } from '../contacts/contact';
import { countryCodeOf } from './countries';
import { consentTime } from './import-consent';
import type { CompiledMapping, WarningReason } from './import-record';

/**
 * The cells behind a record's warnings: for each reason, the columns whose values were dropped, with the
 * values as the file held them, so the warnings report shows what to correct and where.
 */
export function warnedCells(
  reasons: readonly WarningReason[],
  fields: readonly string[],
  mapping: CompiledMapping,
): { reason: WarningReason; column: number; value: string }[] {
  const columns = mapping.fieldColumns;
  const cell = (column: number) => (column < 0 ? '' : (fields[column] ?? '').trim());
  const country = countryCodeOf(cell(columns.country)) ?? mapping.defaultCountry;
  const consentWordUnknown = (column: number) => {
    const word = cell(column).toLowerCase();
    return column >= 0 && !mapping.yes.has(word) && !mapping.no.has(word);
  };
  const candidates: Record<WarningReason, number[]> = {
    invalid_email: [columns.email],
    invalid_phone: [
      columns.phone,
      ...mapping.landlineColumns,
      ...mapping.phoneColumns.typedPhoneColumns.map(({ column }) => column),
    ].filter((column) => cell(column) !== '' && normalisePhone(cell(column), country) === undefined),
    invalid_language: [columns.language],
    unknown_consent_word: [
      columns.consent_email,
      columns.consent_sms,
      ...mapping.optOutColumns.email,
      ...mapping.optOutColumns.sms,
    ].filter(consentWordUnknown),
    invalid_consent_time: [...mapping.consentTimeColumns.email, ...mapping.consentTimeColumns.sms].filter(
      (column) => cell(column) !== '' && consentTime(cell(column)) === undefined,
    ),
    unknown_country: [columns.country],
    attribute_too_long: mapping.attributeColumns
      .map(({ column }) => column)
      .filter((column) => (fields[column] ?? '').length > CONTACT_LIMITS.attributeValue),
  };
  return [...new Set(reasons)].flatMap((reason) =>
    candidates[reason]
      .filter((column) => column >= 0)
      .map((column) => ({ reason, column, value: (fields[column] ?? '').slice(0, MAX_VALUE) })),
  );
}

/** A warned value longer than this is cut in the report: the record's line leads to it whole. */
const MAX_VALUE = 1000;
