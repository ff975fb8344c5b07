import { describe, expect, it } from 'vitest';
import type { Contact } from '../../../shared/contacts/contact';
import { contactFields, leftOutByLimits, mergeImported } from '../../../shared/imports/import-merge';

const now = '2026-11-24T12:00:00.000Z';
const existing: Contact = {
  id: 'c1',
  firstName: 'Ann',
  email: 'ann@example.org',
  ward: 'Central',
  tags: ['parks'],
  consent: { email: { granted: false, source: 'web', timestamp: '2025-01-01T00:00:00.000Z' } },
  attributes: { address: '1 High Street' },
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
};
const person = {
  firstName: 'Anna',
  email: 'ann@example.org',
  postcode: 'M1 1AE',
  tags: ['cycling'],
  consentEmail: true,
  attributes: { address: '2 Mill Road' },
};
const settings = (mode: 'create' | 'update' | 'fill') => ({ mode, addTags: ['spring'], consentSource: 'import' });

describe('mergeImported', () => {
  it('create mode leaves the contact exactly as it was', () => {
    expect(mergeImported(existing, person, settings('create'), now)).toBe(existing);
  });

  it('fill mode fills blanks only, adds tags, and keeps existing consent', () => {
    expect(mergeImported(existing, person, settings('fill'), now)).toEqual({
      ...existing,
      postcode: 'M1 1AE',
      tags: ['parks', 'cycling', 'spring'],
      updatedAt: now,
    });
  });

  it('update mode overwrites with the file, adds tags and records consent with the import as source', () => {
    expect(mergeImported(existing, person, settings('update'), now)).toEqual({
      ...existing,
      firstName: 'Anna',
      postcode: 'M1 1AE',
      tags: ['parks', 'cycling', 'spring'],
      consent: { email: { granted: true, source: 'import', timestamp: now } },
      attributes: { address: '2 Mill Road' },
      updatedAt: now,
    });
  });

  it('keeps a consent record whose answer the file repeats, with its original source and time', () => {
    const repeated = { ...person, consentEmail: false };
    const merged = mergeImported(existing, repeated, settings('update'), now);
    expect(merged.consent).toEqual(existing.consent);
  });

  it('returns the same contact when nothing would change', () => {
    const same = { email: 'ann@example.org', tags: ['parks'], attributes: {} };
    expect(mergeImported(existing, same, { mode: 'fill', addTags: [], consentSource: 'x' }, now)).toBe(existing);
  });

  it('adds tags and attributes only while the contact has room, and keeps all it had', () => {
    const tags = (from: number, count: number) => Array.from({ length: count }, (_, i) => `t${from + i}`);
    const attributes = (from: number, count: number) =>
      Object.fromEntries(Array.from({ length: count }, (_, i) => [`a${from + i}`, 'x']));
    const full = { ...existing, tags: tags(0, 45), attributes: attributes(0, 49) };
    const adding = { ...person, tags: tags(40, 10), attributes: { a0: 'new', a60: 'y', a61: 'z' } };
    const filled = mergeImported(full, adding, settings('fill'), now);
    // 45 held, 5 new of the file's (t45-t49); the import's own tag ("spring") finds no room.
    expect(filled.tags).toEqual([...tags(0, 50)]);
    expect(Object.keys(filled.attributes)).toHaveLength(50);
    expect(filled.attributes).toMatchObject({ a0: 'x', a60: 'y' });
    expect(filled.attributes.a61).toBeUndefined();
    expect(leftOutByLimits(full, adding, settings('fill'))).toBe(true);
    // Update mode still overwrites a held attribute at the limit.
    expect(mergeImported(full, adding, settings('update'), now).attributes.a0).toBe('new');
    // A contact from before the limits keeps everything; nothing is added.
    const over = { ...existing, tags: tags(0, 60) };
    expect(mergeImported(over, { ...person, tags: ['new'] }, settings('fill'), now).tags).toEqual(tags(0, 60));
    // An attribute named like a property of every object is an attribute like any other.
    expect(contactFields({ ...person, attributes: { constructor: 'c' } }, settings('create'), now).attributes).toEqual({
      constructor: 'c',
    });
    expect(
      mergeImported(existing, { ...person, attributes: { toString: 't' } }, settings('fill'), now).attributes,
    ).toEqual({ address: '1 High Street', toString: 't' });
    // Within the limits, or in create mode, nothing is left out.
    expect(leftOutByLimits(existing, person, settings('update'))).toBe(false);
    expect(leftOutByLimits(full, adding, settings('create'))).toBe(false);
  });

  it("makes a new contact of at most 50 tags: the file's first, then the import's own", () => {
    const many = Array.from({ length: 50 }, (_, i) => `t${i}`);
    const fields = contactFields({ ...person, tags: many }, settings('create'), now);
    expect(fields.tags).toEqual(many);
    expect(leftOutByLimits(undefined, { ...person, tags: many }, settings('create'))).toBe(true);
    expect(leftOutByLimits(undefined, person, settings('create'))).toBe(false);
  });
});
