import { describe, expect, it } from 'vitest';
import type { Contact } from '../../../shared/contacts/contact';
import type { StoredContact, UniqueField } from '../../../shared/contacts/contacts-repository';
import { emptySummary } from '../../../shared/imports/contact-import';
import { DryRunClassifier, type FilePerson } from '../../../shared/imports/dry-run-classifier';
import type { ImportedPerson } from '../../../shared/imports/import-record';

const now = '2026-11-24T12:00:00.000Z';
const contact = (id: string, fields: Partial<Contact>): Contact => ({
  id,
  tags: [],
  consent: {},
  attributes: {},
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  ...fields,
});
const ann = contact('c-ann', { firstName: 'Ann', email: 'ann@example.org', phone: '+447700900001' });
const bob = contact('c-bob', { firstName: 'Bob', phone: '+447700900002' });

/** The two batch reads the classifier makes, over contacts held in memory; counts its reads. */
function contactsHolding(...contacts: Contact[]) {
  const reads = { claims: 0, contacts: 0 };
  return {
    reads,
    async findIdsBy(values: readonly { field: UniqueField; value: string }[]) {
      reads.claims++;
      const found = new Map<string, string>();
      for (const { field, value } of values) {
        const holder = contacts.find((c) => c[field] === value);
        if (holder) found.set(`${field}:${value}`, holder.id);
      }
      return found;
    },
    async getMany(ids: readonly string[]) {
      reads.contacts++;
      return new Map<string, StoredContact>(
        contacts.filter((c) => ids.includes(c.id)).map((c) => [c.id, { contact: c, version: 1 }]),
      );
    },
  };
}

const person = (fields: Partial<ImportedPerson>): ImportedPerson => ({ tags: [], attributes: {}, ...fields });
const single = (p: ImportedPerson): FilePerson => ({ person: p, records: { people: [p], conflicts: 0 } });

describe('a dry run’s classification', () => {
  it('creates whom no one holds, and counts their later records as in-file duplicates', async () => {
    const summary = emptySummary();
    const first = person({ email: 'new@example.org' });
    const later = person({ email: 'new@example.org', firstName: 'Nia' });
    await new DryRunClassifier(
      contactsHolding(ann),
      { mode: 'update', addTags: [], consentSource: 't' },
      () => now,
    ).classify(
      [{ person: { ...first, firstName: 'Nia' }, records: { people: [first, later], conflicts: 0 } }],
      summary,
    );
    expect(summary).toMatchObject({ created: 1, duplicate_records: 1, updated: 0, unchanged: 0 });
  });

  it('finds the contact by email before phone, and by phone when only the phone is held', async () => {
    const summary = emptySummary();
    const contacts = contactsHolding(ann, bob);
    await new DryRunClassifier(contacts, { mode: 'fill', addTags: [], consentSource: 't' }, () => now).classify(
      [
        // Ann's email with Bob's phone: Ann is the contact (Bob would gain an email), and fill mode leaves her phone.
        single(person({ firstName: 'Ann', email: 'ann@example.org', phone: '+447700900002' })),
        // Bob by phone alone, with a last name he lacks: filled in.
        single(person({ lastName: 'Jones', phone: '+447700900002' })),
      ],
      summary,
    );
    expect(summary).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    expect(contacts.reads).toEqual({ claims: 1, contacts: 1 });
  });

  it('applies each record of an existing person in order, as the import does', async () => {
    const settings = { mode: 'update' as const, addTags: [], consentSource: 't' };
    const unchangedThenRenamed = [
      person({ email: 'ann@example.org', firstName: 'Ann' }),
      person({ email: 'ann@example.org', firstName: 'Annie' }),
    ];
    const summary = emptySummary();
    await new DryRunClassifier(contactsHolding(ann), settings, () => now).classify(
      [{ person: unchangedThenRenamed[0] as ImportedPerson, records: { people: unchangedThenRenamed, conflicts: 0 } }],
      summary,
    );
    expect(summary).toMatchObject({ created: 0, updated: 1, unchanged: 1, duplicate_records: 0 });

    const createOnly = emptySummary();
    await new DryRunClassifier(contactsHolding(ann), { ...settings, mode: 'create' }, () => now).classify(
      [{ person: unchangedThenRenamed[0] as ImportedPerson, records: { people: unchangedThenRenamed, conflicts: 0 } }],
      createOnly,
    );
    expect(createOnly).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
  });

  it('counts the records whose tags would find no room on the contact, as the import does', async () => {
    const tags = (from: number) => Array.from({ length: 30 }, (_, i) => `t${from + i}`);
    const summary = emptySummary();
    // A new person over two records (30 + 30 tags: the second fills 20 in) and a record for Ann, who is full.
    const first = person({ email: 'new@example.org', tags: tags(0) });
    const repeat = person({ email: 'new@example.org', tags: tags(100) });
    const fullAnn = { ...ann, tags: [...tags(0), ...tags(200).slice(0, 20)] };
    await new DryRunClassifier(
      contactsHolding(fullAnn),
      { mode: 'fill', addTags: [], consentSource: 't' },
      () => now,
    ).classify(
      [
        { person: { ...first, tags: [...tags(0), ...tags(100)] }, records: { people: [first, repeat], conflicts: 0 } },
        single(person({ email: 'ann@example.org', tags: ['parks'] })),
      ],
      summary,
    );
    expect(summary).toMatchObject({
      created: 1,
      duplicate_records: 1,
      unchanged: 1,
      warnings: { over_contact_limits: 2 },
    });
  });
});
