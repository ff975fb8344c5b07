import { describe, expect, it } from 'vitest';
import { countryCodeOf } from '../../../shared/imports/countries';
import { suggestColumns } from '../../../shared/imports/import-mapping';
import { compileMapping, importRecord } from '../../../shared/imports/import-record';
import { proposePhoneCountry } from '../../../shared/imports/phone-country';
import { analyseCsvSample } from '../../../shared/imports/pipeline/import-pipeline';

const GERMAN_MOBILES = ['0163 9581382', '0151 23456789', '0171 2345678', '0160 98765432', '0176 12345678'];

describe('the default country for national numbers', () => {
  it('is the deployment’s when its numbers fit it', () => {
    expect(proposePhoneCountry(['07123 456789', '07911 123456'], 'GB', true)).toEqual({
      proposed: 'GB',
      fits: [{ country: 'GB', valid: 2, of: 2 }],
    });
    expect(proposePhoneCountry(['+49 163 9581382', ''], 'GB', true)).toBeUndefined();
  });

  it('is the country a sheet’s mobiles are valid mobiles in, with a warning that says so', () => {
    const proposal = proposePhoneCountry(GERMAN_MOBILES, 'GB', true);
    expect(proposal?.proposed).toBe('DE');
    expect(proposal?.fits[0]).toEqual({ country: 'DE', valid: 5, of: 5 });
    expect(proposal?.warning).toMatch(/5 of 5 mobile numbers are valid in DE, 0 in GB/);
  });

  it('warns whenever the deployment’s default fits the numbers badly', () => {
    // Mobiles of five countries in one column: no country reads most of them.
    const mixed = ['07123 456789', '0163 9581382', '087 123 4567', '06 12 34 56 78', '0612345678'];
    const proposal = proposePhoneCountry(mixed, 'GB', true);
    expect(proposal?.fits[0]?.valid).toBeLessThan(5);
    expect(proposal?.warning).toMatch(/of 5 mobile numbers are valid in/);
  });

  it('stays the deployment’s on a number or two, which some country always reads (01248 … is an Egyptian mobile)', () => {
    expect(proposePhoneCountry(['01248 383838'], 'GB', true)).toEqual({
      proposed: 'GB',
      fits: [{ country: 'GB', valid: 0, of: 1 }],
      warning: '1 of 1 mobile numbers are not valid in GB: check the phone column and the default country.',
    });
  });

  it('looks only at the numbers a typed slot’s rows call mobiles (Google’s legacy Phone 1 - Type)', () => {
    // The rows naming their country are read by it; the one left holds a work number in the mobile slot.
    const rows = [
      'Mobile,07911 123456,United Kingdom',
      'Mobile,07911 123457,United Kingdom',
      'Mobile,07911 123458,United Kingdom',
      'Work,01248 383838,',
      'Work,01248 383839,',
      'Work,01248 383830,',
    ];
    const csv = `E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,Address 1 - Country\n${rows.map((row, i) => `a${i}@example.org,${row}`).join('\n')}\n`;
    const analysis = analyseCsvSample(Buffer.from(csv), { defaultCountry: 'GB', wholeFile: true });
    expect(analysis.suggestedMapping.columns[2]).toEqual({ kind: 'field', field: 'phone', typedBy: 1 });
    expect(analysis.suggestedMapping.defaultCountry).toBe('GB');
  });

  it('counts the rows of a landline slot that say nothing as landlines, as the import reads them', () => {
    const rows = ['Home,01 42 68 53 00', ',01 45 55 91 11', ',01 40 20 50 50', ',01 44 11 23 23'];
    const csv = `E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value\n${rows.map((row, i) => `a${i}@example.org,${row}`).join('\n')}\n`;
    const analysis = analyseCsvSample(Buffer.from(csv), { defaultCountry: 'GB', wholeFile: true });
    expect(analysis.suggestedMapping.columns[2]).toEqual({ kind: 'field', field: 'landline', typedBy: 1 });
    expect(analysis.phoneCountry?.fits[0]?.of).toBe(4);
  });

  it('is proposed by the analysis, in the suggested mapping', () => {
    const csv = `Vorname;Nachname;E-Mail;Mobil\n${GERMAN_MOBILES.map((m, i) => `Anna;Schmidt;a${i}@example.de;${m}`).join('\n')}\n`;
    const analysis = analyseCsvSample(Buffer.from(csv), { defaultCountry: 'GB', wholeFile: true });
    expect(analysis.suggestedMapping.defaultCountry).toBe('DE');
    expect(analysis.phoneCountry?.proposed).toBe('DE');
  });
});

describe('a country column', () => {
  it('names countries by code or by name, in English or their own languages', () => {
    expect(['de', 'DE', 'Germany', 'Deutschland', 'Allemagne'].map(countryCodeOf)).toEqual([
      'DE',
      'DE',
      'DE',
      'DE',
      'DE',
    ]);
    expect(['Ireland', 'Irlande', 'Éire', 'France', 'United Kingdom', 'UK', 'Wales'].map(countryCodeOf)).toEqual([
      'IE',
      'IE',
      'IE',
      'FR',
      'GB',
      'GB',
      'GB',
    ]);
    expect(countryCodeOf('Atlantis')).toBeUndefined();
  });

  it('reads each record’s national numbers in its own country (Outlook’s Home Country/Region, Mailchimp’s CC)', () => {
    const headers = ['Email', 'Mobile', 'Home Country/Region'];
    const mapping = compileMapping({
      columns: suggestColumns(headers).map((column) => column.target),
      defaultCountry: 'GB',
      consentWords: { yes: [], no: [] },
      tagSeparator: ';',
    });
    expect(importRecord(['a@example.ie', '087 123 4567', 'Ireland'], mapping)).toMatchObject({
      person: { phone: '+353871234567' },
    });
    expect(importRecord(['b@example.fr', '06 12 34 56 78', 'FR'], mapping)).toMatchObject({
      person: { phone: '+33612345678' },
    });
    expect(importRecord(['c@example.org', '07123 456789', ''], mapping)).toMatchObject({
      person: { phone: '+447123456789' },
    });
    expect(importRecord(['d@example.org', '07123 456789', 'Atlantis'], mapping)).toMatchObject({
      person: { phone: '+447123456789' },
      warnings: ['unknown_country'],
    });
  });
});
