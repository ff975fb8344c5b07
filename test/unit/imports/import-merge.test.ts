import { describe, expect, it } from 'vitest';
import type { Contact } from '../../../shared/domain/contact';
import { mergeImported } from '../../../shared/imports/import-merge';

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
});
