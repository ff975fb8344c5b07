import { createReadStream, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { targetName } from '../../../shared/imports/import-mapping';
import type { ImportedPerson } from '../../../shared/imports/import-record';
import {
  analyseCsvSample,
  type RejectedRecord,
  runImportPipeline,
} from '../../../shared/imports/pipeline/import-pipeline';
import { CPU_HEAVY_TEST_MS } from '../../support/eventually';
import { combinationName, ENCODINGS, generatedContacts, LAYOUT_NAMES } from '../../support/generated-contacts';

const combos = LAYOUT_NAMES.flatMap((layout) => ENCODINGS.map((encoding) => ({ layout, encoding })));

describe.each(combos)(
  'a generated $layout file in $encoding',
  { timeout: CPU_HEAVY_TEST_MS },
  ({ layout, encoding }) => {
    const { csv, truth } = generatedContacts(combinationName('pipeline', layout, encoding));

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
      const suggested = Object.fromEntries(
        analysis.columns.map((column) => [column.header, targetName(column.target)]),
      );
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
      const {
        generator,
        delimiter,
        line_ending,
        default_country,
        header,
        expected_mapping,
        rejected_list,
        sample,
        ...counts
      } = truth;
      for (const [key, value] of Object.entries(counts))
        expect(summary[key as keyof typeof summary], key).toEqual(value);
      expect(rejected.map(({ record, line, reason }) => ({ record, line, reason }))).toEqual(truth.rejected_list);

      // The sample people come through with their normalised values (legacy names from one column: any case).
      const byEmail = new Map(people.filter((p) => p.email).map((p) => [p.email, p]));
      const byPhone = new Map(people.filter((p) => p.phone).map((p) => [p.phone, p]));
      for (const expected of truth.sample) {
        const person = (expected.email && byEmail.get(expected.email)) || byPhone.get(expected.phone);
        expect(person, `sample record ${expected.record}`).toBeDefined();
        const fold = (value?: string) => (layout === 'legacy' ? value?.toLowerCase() : value);
        expect(fold(person?.firstName)).toBe(fold(expected.first_name));
        expect(fold(person?.lastName)).toBe(fold(expected.last_name));
        expect(person).toMatchObject({
          ...(expected.email && { email: expected.email }),
          ...(expected.phone && { phone: expected.phone }),
          postcode: expected.postcode,
          ward: expected.ward,
          externalId: expected.external_id,
          ...(Object.values(truth.expected_mapping).includes('address') && {
            attributes: { address: expected.address },
          }),
        });
        expect([...(person?.tags ?? [])].sort()).toEqual([...expected.tags].sort());
        if (layout !== 'legacy') expect(person?.language).toBe(expected.language);
        if (expected.email) expect(person?.consentEmail ?? false).toBe(expected.consent_email);
        if (expected.phone) expect(person?.consentSms ?? false).toBe(expected.consent_sms);
      }
    });
  },
);

describe('values holding the control characters the merge spills with', { timeout: CPU_HEAVY_TEST_MS }, () => {
  it('come through whole, read after clean records or first', async () => {
    const header = 'Email,First Name,Tags,Note\n';
    const clean = Array.from({ length: 300 }, (_, i) => `p${i}@example.org,Name ${i},parks,note ${i}\n`).join('');
    const odd = [
      'p1@example.org,"A\u0001B",roads,\n', // merges into the clean record 1
      'odd@example.org,"\u0000\u0002",\u0003x;y\u0004,"n\u0001\u0002\u0003"\n',
    ].join('');
    const mapping = {
      columns: [
        { kind: 'field', field: 'email' },
        { kind: 'field', field: 'first_name' },
        { kind: 'field', field: 'tags' },
        { kind: 'attribute', key: 'note' },
      ],
      defaultCountry: 'GB',
      consentWords: { yes: [], no: [] },
      tagSeparator: ';',
    } as const;
    const p1 = (firstName: string, tags: string[]) => ({
      email: 'p1@example.org',
      firstName,
      tags,
      attributes: { note: 'note 1' },
    });
    for (const [chunks, merged] of [
      [[header + clean, odd], p1('Name 1', ['parks', 'roads'])],
      [[header + odd + clean], p1('A\u0001B', ['roads', 'parks'])],
    ] as const) {
      const people = new Map<string, ImportedPerson>();
      const { summary } = await runImportPipeline(
        (async function* () {
          for (const chunk of chunks) yield new TextEncoder().encode(chunk);
        })(),
        {
          encoding: 'utf8',
          delimiter: ',',
          mapping: structuredClone(mapping) as never,
          onContact: (person) => {
            people.set(person.email as string, person);
          },
        },
      );
      expect(summary).toMatchObject({ records: 302, unique_contacts: 301, duplicate_records: 1 });
      expect(people.get('p1@example.org')).toStrictEqual(merged);
      expect(people.get('odd@example.org')).toStrictEqual({
        email: 'odd@example.org',
        firstName: '\u0000\u0002',
        tags: ['\u0003x', 'y\u0004'],
        attributes: { note: 'n\u0001\u0002\u0003' },
      });
    }
  });
});
