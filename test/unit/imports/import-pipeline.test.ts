import { createReadStream, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { targetName } from '../../../shared/imports/import-mapping';
import { analyseCsvSample, type RejectedRecord, runImportPipeline } from '../../../shared/imports/import-pipeline';
import type { ImportedPerson } from '../../../shared/imports/import-record';
import { ENCODINGS, generatedContacts, VARIANTS } from '../../support/generated-contacts';

const combos = VARIANTS.flatMap((variant) => ENCODINGS.map((encoding) => ({ variant, encoding })));

describe.each(combos)('a generated $variant file in $encoding', ({ variant, encoding }) => {
  const { csv, truth } = generatedContacts({ rows: 3000, seed: 7, variant, encoding });

  const analyse = () => {
    const bytes = readFileSync(csv);
    return analyseCsvSample(bytes.subarray(0, 64 * 1024), {
      defaultCountry: 'GB',
      wholeFile: bytes.length <= 64 * 1024,
    });
  };

  it('is analysed: encoding, delimiter, header and a mapping of every column', () => {
    const analysis = analyse();
    expect(analysis.encoding).toBe(encoding);
    expect(analysis.delimiter).toBe(truth.delimiter);
    expect(analysis.header).toEqual(truth.header);
    const suggested = Object.fromEntries(analysis.columns.map((column) => [column.header, targetName(column.target)]));
    const expected = Object.fromEntries(
      Object.entries(truth.expected_mapping).map(([header, field]) => [
        header,
        field.startsWith('full_name') ? 'full_name' : field,
      ]),
    );
    expect(suggested).toEqual(expected);
    expect(analysis.unknownConsentWords).toEqual([]);
    expect(analysis.preview.length).toBeGreaterThan(0);
  });

  it('imports with every count of the ground truth, and rejects records at their lines', async () => {
    const analysis = analyse();
    const rejected: RejectedRecord[] = [];
    const people: ImportedPerson[] = [];
    const { summary } = await runImportPipeline(createReadStream(csv), {
      encoding: analysis.encoding,
      delimiter: analysis.delimiter,
      mapping: analysis.suggestedMapping,
      onRejected: (record) => rejected.push(record),
      onContact: (person) => {
        people.push(person);
      },
    });
    const { rejected_list, sample, expected_mapping, header, delimiter, ...counts } = truth as unknown as Record<
      string,
      unknown
    >;
    for (const [key, value] of Object.entries(counts)) {
      if (key === 'generator' || key === 'line_ending' || key === 'default_country') continue;
      expect(summary[key as keyof typeof summary], key).toEqual(value);
    }
    expect(rejected.map(({ record, line, reason }) => ({ record, line, reason }))).toEqual(truth.rejected_list);

    // The sample people come through with their normalised values (legacy names from one column: any case).
    const byEmail = new Map(people.filter((p) => p.email).map((p) => [p.email, p]));
    const byPhone = new Map(people.filter((p) => p.phone).map((p) => [p.phone, p]));
    for (const expected of truth.sample as Record<string, any>[]) {
      const person = (expected.email && byEmail.get(expected.email)) || byPhone.get(expected.phone);
      expect(person, `sample record ${expected.record}`).toBeDefined();
      const fold = (value?: string) => (variant === 'legacy' ? value?.toLowerCase() : value);
      expect(fold(person?.firstName)).toBe(fold(expected.first_name));
      expect(fold(person?.lastName)).toBe(fold(expected.last_name));
      expect(person).toMatchObject({
        ...(expected.email && { email: expected.email }),
        ...(expected.phone && { phone: expected.phone }),
        postcode: expected.postcode,
        ward: expected.ward,
        externalId: expected.external_id,
        ...(Object.values(truth.expected_mapping).includes('address') && { attributes: { address: expected.address } }),
      });
      expect([...(person?.tags ?? [])].sort()).toEqual([...expected.tags].sort());
      if (variant !== 'legacy') expect(person?.language).toBe(expected.language);
      if (expected.email) expect(person?.consentEmail ?? false).toBe(expected.consent_email);
      if (expected.phone) expect(person?.consentSms ?? false).toBe(expected.consent_sms);
    }
  });
});
