import { describe, expect, it } from 'vitest';
import { createContactBodySchema } from '../../../shared/contacts/contact';
import {
  attributeKey,
  importMappingSchema,
  suggestColumns,
  unnamedColumn,
} from '../../../shared/imports/import-mapping';
import { mappingProblems } from '../../../shared/imports/mapping-problems';
import { splitFullName, tagsOfCell } from '../../../shared/imports/names-and-tags';
import { detectTagSeparator } from '../../../shared/imports/pipeline/sniff';

describe('attribute keys from headers', () => {
  it('are camelCase, keeping letters beyond ASCII', () => {
    expect(attributeKey('Preferred Contact Time')).toBe('preferredContactTime');
    expect(attributeKey('Straße')).toBe('straße');
    expect(attributeKey('Année d’arrivée')).toBe('annéeDArrivée');
    expect(attributeKey('Ωmega score')).toBe('ωmegaScore');
    expect(attributeKey('2024 turnout')).toBeUndefined();
    expect(attributeKey('---')).toBeUndefined();
  });

  it('are keys a contact may hold, as staff may write them', () => {
    expect(
      createContactBodySchema.safeParse({ email: 'a@example.org', attributes: { straße: 'Hauptstraße' } }).success,
    ).toBe(true);
    expect(createContactBodySchema.safeParse({ email: 'a@example.org', attributes: { '': 'x' } }).success).toBe(false);
  });
});

describe('suggested columns', () => {
  it('keep a full name beside first and last names as the display name: first and last win', () => {
    expect(suggestColumns(['Name', 'First Name', 'Last Name', 'Email']).map((column) => column.target)).toEqual([
      { kind: 'attribute', key: 'displayName' },
      { kind: 'field', field: 'first_name' },
      { kind: 'field', field: 'last_name' },
      { kind: 'field', field: 'email' },
    ]);
    expect(suggestColumns(['Name', 'Email'])[0]?.target).toEqual({ kind: 'fullName' });
  });

  it('never map a column the header left unnamed', () => {
    expect(suggestColumns(['Email', unnamedColumn(1)])[1]?.target).toEqual({ kind: 'ignore' });
  });
});

describe('headers as real exports write them', () => {
  const fields = (headers: string[]) =>
    suggestColumns(headers).map((column) =>
      column.target.kind === 'field' ? column.target.field : column.target.kind,
    );

  it.each([
    ['Google', ['Given Name', 'Family Name', 'E-mail 1 - Value', 'Phone 1 - Value', 'Address 1 - Postal Code']],
    ['Outlook', ['First Name', 'Last Name', 'E-mail Address', 'Mobile Phone', 'Home Postal Code']],
    ['Salesforce', ['First Name', 'Last Name', 'Email', 'Mobile', 'Mailing Zip/Postal Code']],
    ['NationBuilder', ['first_name', 'last_name', 'email', 'mobile_number', 'primary_zip']],
    ['German', ['Vorname', 'Nachname', 'E-Mail', 'Mobil', 'PLZ']],
    ['French', ['Prénom', 'Nom', 'Courriel', 'Téléphone portable', 'Code postal']],
    ['Welsh', ['Enw cyntaf', 'Cyfenw', 'E-bost', 'Ffôn symudol', 'Côd post']],
  ])('map %s headers to names, email, phone and postcode', (_, headers) => {
    expect(fields(headers)).toEqual(['first_name', 'last_name', 'email', 'phone', 'postcode']);
  });

  it('never take CiviCRM’s County for the country nor its Do Not Mail for email consent, and prefer an exact header to a near miss', () => {
    // With no sample to judge by, the columns no field takes are attributes.
    expect(fields(['Email', 'County', 'Country', 'Do Not Mail', 'Do Not Phone'])).toEqual([
      'email',
      'attribute',
      'country',
      'attribute',
      'attribute',
    ]);
    expect(fields(['Emial', 'Email'])).toEqual(['attribute', 'email']);
  });

  it('map languages in German, French and Welsh headers', () => {
    expect(fields(['Sprache', 'Langue', 'Iaith'])).toEqual(['language', 'attribute', 'attribute']);
  });
});

describe('full names split into first and last', () => {
  it.each([
    ['Áine Ní Bhriain', 'Áine', 'Ní Bhriain'],
    ['Siobhán Nic an tSaoi', 'Siobhán', 'Nic an tSaoi'],
    ['Seán Mac Giolla Phádraig', 'Seán', 'Mac Giolla Phádraig'],
    ['Eoin Ó Briain', 'Eoin', 'Ó Briain'],
    ['Ludwig van der Berg', 'Ludwig', 'van der Berg'],
    ['Dafydd ap Gruffydd', 'Dafydd', 'ap Gruffydd'],
    ['Maria dos Santos', 'Maria', 'dos Santos'],
    ['Ann Marie McBride', 'Ann Marie', 'McBride'],
    ['MURPHY, Ann', 'Ann', 'MURPHY'],
  ])('%s', (name, firstName, lastName) => {
    expect(splitFullName(name)).toEqual({ firstName, lastName });
  });
});

describe('a mapping with an attribute named like a field', () => {
  const rest = { defaultCountry: 'GB', consentWords: { yes: ['yes'], no: ['no'] }, tagSeparator: ';' };
  const headers = ['Email', 'Phone', 'Phone (old system)'];
  const columns = (third: { kind: 'attribute'; key: string }) => [
    { kind: 'field' as const, field: 'email' as const },
    { kind: 'field' as const, field: 'phone' as const },
    third,
  ];
  it('is no conflict: the attribute and the field are different slots', () => {
    const mapping = importMappingSchema.parse({ ...rest, columns: columns({ kind: 'attribute', key: 'phone' }) });
    expect(mappingProblems(mapping, headers)).toEqual([]);
  });
  it('takes attribute keys beyond ASCII, as suggested', () => {
    expect(importMappingSchema.safeParse({ ...rest, columns: [{ kind: 'attribute', key: 'straße' }] }).success).toBe(
      true,
    );
  });
  it('does not reach anyone by an attribute named email', () => {
    const mapping = importMappingSchema.parse({
      ...rest,
      columns: [{ kind: 'attribute', key: 'email' }, { kind: 'ignore' }, { kind: 'ignore' }],
    });
    expect(mappingProblems(mapping, headers).map((problem) => problem.message)).toEqual([
      'no column is mapped to email, phone or landline, so no contact could be reached',
    ]);
  });
  it('refuses more attribute columns than a contact holds, when saved rather than row by row', () => {
    const wide = Array.from({ length: 51 }, (_, index) => `Column ${index}`);
    const mapping = importMappingSchema.parse({
      ...rest,
      columns: [
        { kind: 'field', field: 'email' },
        ...wide.map((header) => ({ kind: 'attribute', key: header.replace(' ', '') })),
      ],
    });
    expect(mappingProblems(mapping, ['Email', ...wide]).map((problem) => problem.message)).toEqual([
      '51 columns map to custom attributes; a contact holds at most 50',
    ]);
  });
});

describe('tags as exports write them', () => {
  it('unquotes Mailchimp’s tags and drops Google’s system labels', () => {
    expect(tagsOfCell('"Parks","Youth Club"', ',')).toEqual(['Parks', 'Youth Club']);
    expect(tagsOfCell('* myContacts ::: Cycling ::: * starred ::: Older People', ':::')).toEqual([
      'Cycling',
      'Older People',
    ]);
  });

  it('detects Google’s ::: separator from the values', () => {
    expect(detectTagSeparator(['* myContacts ::: Cycling', 'Parks ::: Youth', 'Parks'], ',')).toBe(':::');
    expect(detectTagSeparator(['parks; youth', 'cycling'], ',')).toBe('; ');
    // Nothing to tell by: a semicolon, whatever the later rows hold.
    expect(detectTagSeparator(['parks', 'cycling'], ',')).toBe(';');
    expect(detectTagSeparator(['parks'], ';')).toBe(',');
  });
});
