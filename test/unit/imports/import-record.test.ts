import { describe, expect, it } from 'vitest';
import { CONTACT_LIMITS } from '../../../shared/contacts/contact';
import { REPORTED_ROW_CHARS, rowForReport } from '../../../shared/core/files/csv-writer';
import type { ImportMapping } from '../../../shared/imports/import-mapping';
import { compileMapping, importRecord } from '../../../shared/imports/import-record';

const mapping: ImportMapping = {
  columns: [
    { kind: 'field', field: 'email' },
    { kind: 'field', field: 'first_name' },
    { kind: 'field', field: 'postcode' },
    { kind: 'field', field: 'tags' },
    { kind: 'field', field: 'language' },
    { kind: 'attribute', key: 'notes' },
  ],
  defaultCountry: 'GB',
  consentWords: { yes: ['yes'], no: ['no'] },
  tagSeparator: ';',
};
const compiled = compileMapping(mapping);
const record = (overrides: Partial<Record<'name' | 'postcode' | 'tags' | 'language' | 'notes', string>>) => [
  'ann@example.org',
  overrides.name ?? 'Ann',
  overrides.postcode ?? 'M1 1AE',
  overrides.tags ?? 'parks',
  overrides.language ?? 'en',
  overrides.notes ?? '',
];

describe('importRecord and the contact limits', () => {
  it('imports values up to what a contact may hold', () => {
    const outcome = importRecord(
      record({
        name: 'A'.repeat(CONTACT_LIMITS.name),
        tags: Array.from({ length: CONTACT_LIMITS.tags }, (_, i) => `t${i}`).join(';'),
        notes: 'n'.repeat(CONTACT_LIMITS.attributeValue),
      }),
      compiled,
    );
    expect(outcome.kind).toBe('person');
  });

  it.each([
    ['a first name', { name: 'A'.repeat(CONTACT_LIMITS.name + 1) }, 'value_too_long'],
    ['a postcode', { postcode: 'P'.repeat(CONTACT_LIMITS.postcode + 1) }, 'value_too_long'],
    ['a tag', { tags: 'x'.repeat(CONTACT_LIMITS.tag + 1) }, 'value_too_long'],
    [
      'the tags',
      { tags: Array.from({ length: CONTACT_LIMITS.tags + 1 }, (_, i) => `t${i}`).join(';') },
      'too_many_values',
    ],
  ] as const)('rejects a record when %s is beyond the limit', (_, overrides, reason) => {
    expect(importRecord(record(overrides), compiled)).toEqual({ kind: 'rejected', reason });
  });

  it('drops an attribute value longer than a contact may hold with a warning, and keeps the person', () => {
    const outcome = importRecord(record({ notes: 'n'.repeat(CONTACT_LIMITS.attributeValue + 1) }), compiled);
    expect(outcome).toMatchObject({ kind: 'person', warnings: ['attribute_too_long'] });
    expect(outcome.kind === 'person' && outcome.person).toMatchObject({ email: 'ann@example.org', attributes: {} });
  });

  it('warns of a language tag longer than a contact may hold, as of an invalid one', () => {
    const long = `en-${Array.from({ length: 5 }, () => 'abcdefgh').join('-')}`;
    const outcome = importRecord(record({ language: long }), compiled);
    expect(outcome).toMatchObject({ kind: 'person', warnings: ['invalid_language'] });
    expect(outcome.kind === 'person' && outcome.person.language).toBeUndefined();
  });
});

describe('rowForReport', () => {
  it('keeps a row whole up to the limit, and cuts each long cell of a longer one to its share', () => {
    const row = ['a@example.org', 'x'.repeat(REPORTED_ROW_CHARS - 'a@example.org'.length)];
    expect(rowForReport(row)).toEqual(row);
    const long = ['a@example.org', 'y'.repeat(500_000), 'z'.repeat(10)];
    const kept = rowForReport(long);
    expect(kept[0]).toBe('a@example.org');
    expect(kept[1]).toBe(`${'y'.repeat(33_333)}… [cut: 500,000 characters]`);
    expect(kept[2]).toBe('z'.repeat(10));
    expect(kept.join('').length).toBeLessThan(REPORTED_ROW_CHARS + 100);
  });
});
