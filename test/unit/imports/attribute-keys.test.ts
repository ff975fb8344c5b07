import { describe, expect, it } from 'vitest';
import { createContactBodySchema } from '../../../shared/contacts/contact';
import { attributeKey } from '../../../shared/imports/import-mapping';

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
