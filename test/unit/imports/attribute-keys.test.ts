import { describe, expect, it } from 'vitest';
import { createContactBodySchema } from '../../../shared/contacts/contact';
import { attributeKey, suggestColumns, unnamedColumn } from '../../../shared/imports/import-mapping';

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
