import { describe, expect, it } from 'vitest';
import { CONTACT_LIMITS, contactFromCreate } from '../../../shared/contacts/contact';
import { importMappingSchema, SUGGESTED_ATTRIBUTES, suggestColumns } from '../../../shared/imports/import-mapping';
import { compileMapping, importRecord } from '../../../shared/imports/import-record';
import { mappingProblems } from '../../../shared/imports/mapping-problems';

const targets = (headers: string[], rows: string[][] = [], defaultCountry = 'GB') =>
  suggestColumns(headers, { rows, defaultCountry }).map((column) =>
    column.target.kind === 'field' ? column.target.field : column.target.kind,
  );

describe('phone columns: the mobile is `phone`, a home or office number is `landline`', () => {
  it('take Outlook’s mobile as the phone and its home and business phones as the landline (the first valid of them)', () => {
    expect(
      targets(
        ['First Name', 'E-mail Address', 'Business Phone', 'Home Phone', 'Mobile Phone'],
        [['Ann', 'ann@example.org', '0113 496 0000', '0113 496 0001', '07123 456789']],
      ),
    ).toEqual(['first_name', 'email', 'landline', 'landline', 'phone']);
  });

  it('make a generic "Phone" the landline beside a mobile column', () => {
    expect(targets(['Email', 'Phone', 'Mobile Phone Number'])).toEqual(['email', 'landline', 'phone']);
    expect(targets(['email', 'phone', 'mobile_number'])).toEqual(['email', 'landline', 'phone']);
  });

  it('decide a lone generic "Phone" by its numbers: mostly mobiles make it the phone, else the landline', () => {
    const mobiles = [['07123 456789'], ['+44 7911 123456'], ['0113 496 0000']];
    const landlines = [['0113 496 0000'], ['020 7946 0018'], ['07123 456789']];
    expect(targets(['Telephone'], mobiles)).toEqual(['phone']);
    expect(targets(['Telephone'], landlines)).toEqual(['landline']);
    // Nothing to tell by: the phone, as before.
    expect(targets(['Telephone'], [])).toEqual(['phone']);
    // German mobiles read with the German default country.
    expect(targets(['Telefon'], [['0163 9581382'], ['0151 23456789']], 'DE')).toEqual(['phone']);
  });

  it('read Google’s typed slots by their "Phone N - Type", and ignore the type columns', () => {
    const headers = ['E-mail 1 - Value', 'Phone 1 - Type', 'Phone 1 - Value', 'Phone 2 - Type', 'Phone 2 - Value'];
    const rows = [
      ['a@example.org', 'Home', '0113 496 0000', 'Mobile', '07123 456789'],
      ['b@example.org', 'Work', '020 7946 0018', '* Mobile', '07400 123456'],
    ];
    expect(targets(headers, rows)).toEqual(['email', 'ignore', 'landline', 'ignore', 'phone']);
    // The current export calls them Labels.
    const labelled = headers.map((header) => header.replace(' - Type', ' - Label'));
    expect(targets(labelled, rows)).toEqual(['email', 'ignore', 'landline', 'ignore', 'phone']);
  });

  it('import a person with only a landline, keeping it out of `phone`', () => {
    const headers = ['Name', 'Home Phone'];
    const suggested = suggestColumns(headers, { rows: [], defaultCountry: 'GB' });
    const mapping = compileMapping({
      columns: suggested.map((column) => column.target),
      defaultCountry: 'GB',
      consentWords: { yes: [], no: [] },
      tagSeparator: ';',
    });
    const outcome = importRecord(['Ann Jones', '0113 496 0000'], mapping);
    expect(outcome).toMatchObject({ kind: 'person', person: { landline: '+441134960000' } });
    expect(outcome.kind === 'person' && outcome.person.phone).toBeFalsy();
    expect(importRecord(['Ann Jones', 'not a number'], mapping)).toEqual({
      kind: 'rejected',
      reason: 'no_valid_channel',
    });
  });

  it('take a record’s first valid number of several landline columns, warning of an invalid one only when none is valid', () => {
    const headers = ['Email', 'Business Phone', 'Home Phone'];
    const mapping = compileMapping({
      columns: suggestColumns(headers).map((column) => column.target),
      defaultCountry: 'GB',
      consentWords: { yes: [], no: [] },
      tagSeparator: ';',
    });
    expect(importRecord(['a@example.org', '', '0113 496 0000'], mapping)).toMatchObject({
      person: { landline: '+441134960000' },
      warnings: [],
    });
    expect(importRecord(['a@example.org', '12', '020 7946 0018'], mapping)).toMatchObject({
      person: { landline: '+442079460018' },
      warnings: [],
    });
    expect(importRecord(['a@example.org', '12', ''], mapping)).toMatchObject({ warnings: ['invalid_phone'] });
  });

  it('let the contacts API take a landline as a contact’s only number', () => {
    const made = contactFromCreate(
      { landline: '0113 496 0000' },
      { defaultCountry: 'GB', now: '2026-12-02T00:00:00Z' },
    );
    expect(made).toMatchObject({ ok: true, draft: { landline: '+441134960000' } });
  });
});

describe('phone columns typed record by record (Google’s slot labels, CiviCRM’s Phone Type)', () => {
  const rest = { defaultCountry: 'GB', consentWords: { yes: [], no: [] }, tagSeparator: ';' };
  const suggested = (headers: string[], rows: string[][]) =>
    suggestColumns(headers, { rows, defaultCountry: 'GB' }).map((column) => column.target);
  const google = ['E-mail 1 - Value', 'Phone 1 - Label', 'Phone 1 - Value', 'Phone 2 - Label', 'Phone 2 - Value'];

  it('are typed by their label column, taking the field most of the sample’s labels say', () => {
    const rows = [
      ['a@example.org', '* Mobile', '07123 456789', 'Home', '0113 496 0000'],
      ['b@example.org', 'Mobile', '07400 123456', 'Work', '020 7946 0018'],
      ['c@example.org', 'Home', '0113 496 0500', 'Mobile', '07911 123456'],
    ];
    expect(suggested(google, rows)).toEqual([
      { kind: 'field', field: 'email' },
      { kind: 'ignore' },
      { kind: 'field', field: 'phone', typedBy: 1 },
      { kind: 'ignore' },
      { kind: 'field', field: 'landline', typedBy: 3 },
    ]);
    expect(suggested(['Email', 'Phone', 'Phone Type'], [['a@example.org', '0113 496 0000', 'Phone']])).toEqual([
      { kind: 'field', field: 'email' },
      { kind: 'field', field: 'landline', typedBy: 2 },
      { kind: 'ignore' },
    ]);
  });

  it('put each record’s number where its own label says: a mobile in phone, a home number in landline', () => {
    const rows = [
      ['a@example.org', '* Mobile', '07123 456789', 'Home', '0113 496 0000'],
      ['c@example.org', 'Home', '0113 496 0500', 'Mobile', '07911 123456'],
      ['d@example.org', '', '07400 111222', '', '0113 496 0999'],
      ['e@example.org', 'Mobile', '07400 333444', 'Mobile', '07400 555666'],
      ['f@example.org', 'Work', '12', '', ''],
    ];
    const mapping = importMappingSchema.parse({ ...rest, columns: suggested(google, rows.slice(0, 1)) });
    expect(mappingProblems(mapping, google)).toEqual([]);
    const people = rows.map((row) => importRecord(row, compileMapping(mapping)));
    expect(
      people.map((outcome) => outcome.kind === 'person' && [outcome.person.phone, outcome.person.landline]),
    ).toEqual([
      ['+447123456789', '+441134960000'],
      ['+447911123456', '+441134960500'],
      // No label: each slot's own field.
      ['+447400111222', '+441134960999'],
      // A second mobile is kept as the landline, never used for SMS.
      ['+447400333444', '+447400555666'],
      [undefined, undefined],
    ]);
    expect(people[4]).toMatchObject({ kind: 'person', warnings: ['invalid_phone'] });
  });

  it('are refused when typed by no other column, or on a field that is not a phone', () => {
    const mapping = importMappingSchema.parse({
      ...rest,
      columns: [
        { kind: 'field', field: 'email', typedBy: 1 },
        { kind: 'field', field: 'phone', typedBy: 1 },
        { kind: 'field', field: 'landline', typedBy: 7 },
      ],
    });
    expect(mappingProblems(mapping, ['Email', 'Phone', 'Other']).map((problem) => problem.message)).toEqual([
      'only a phone or landline column is typed by another; "Email" maps to email',
      '"Phone" is typed by column 1, which is not another column of the file',
      '"Other" is typed by column 7, which is not another column of the file',
    ]);
  });

  it('leave a file with only a landline column importable', () => {
    const mapping = importMappingSchema.parse({
      ...rest,
      columns: [{ kind: 'fullName' }, { kind: 'field', field: 'landline' }],
    });
    expect(mappingProblems(mapping, ['Name', 'Home Phone'])).toEqual([]);
  });
});

describe('custom attributes proposed for a wide export', () => {
  it('are the fullest short columns no field took, at most a few, so no record is rejected for holding too many', () => {
    const headers = ['Email', ...Array.from({ length: 170 }, (_, i) => `Property ${i + 1}`), 'Notes', 'Empty'];
    const row = (n: number) => [
      `p${n}@example.org`,
      ...Array.from({ length: 170 }, (_, i) => (i % 7 === 0 || (i < 40 && n % 2 === 0) ? `v${i}-${n}` : '')),
      'x'.repeat(400),
      '',
    ];
    const suggested = suggestColumns(headers, { rows: [row(1), row(2), row(3), row(4)], defaultCountry: 'GB' });
    const attributes = suggested.filter((column) => column.target.kind === 'attribute').map((column) => column.header);
    expect(attributes.length).toBe(SUGGESTED_ATTRIBUTES);
    expect(attributes.length).toBeLessThan(CONTACT_LIMITS.attributes);
    // Filled in every row first (every seventh property), in header order; never the notes nor the empty column.
    expect(attributes.slice(0, 3)).toEqual(['Property 1', 'Property 8', 'Property 15']);
    expect(attributes).not.toContain('Notes');
    expect(attributes).not.toContain('Empty');
  });
});

describe('tags and groups (CiviCRM’s Tag(s) and Group(s))', () => {
  it('are both offered as tags, the tags column preferred when the file has both', () => {
    const suggested = suggestColumns(['Email', 'Group(s)', 'Tag(s)'], {
      rows: [['a@example.org', 'Newsletter, Volunteers', 'Parks']],
      defaultCountry: 'GB',
    });
    expect(suggested.map((column) => column.target)).toEqual([
      { kind: 'field', field: 'email' },
      { kind: 'attribute', key: 'groups' },
      { kind: 'field', field: 'tags' },
    ]);
    expect(suggestColumns(['Email', 'Group(s)'])[1]?.target).toEqual({ kind: 'field', field: 'tags' });
  });
});
