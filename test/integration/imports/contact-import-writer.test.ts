import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { ContactsRepository } from '../../../shared/contacts/contacts-repository';
import { ContactImportWriter } from '../../../shared/imports/contact-import-writer';
import type { ImportedPerson } from '../../../shared/imports/import-record';
import { uniqueEmail, uniqueMobile } from '../api-client';
import { localDocumentClient, localTableName } from '../local-clients';

/** Connected tests: the writer against the local stack's DynamoDB Local. */
const contacts = new ContactsRepository(localDocumentClient(), localTableName());
const settings = { mode: 'fill' as const, addTags: ['imported'], consentSource: 'test import' };
const writer = (mode: 'create' | 'update' | 'fill' = 'fill', importId = uuidv7()) =>
  new ContactImportWriter(contacts, importId, { ...settings, mode });
const person = (overrides: Partial<ImportedPerson> = {}): ImportedPerson => ({
  email: uniqueEmail(),
  tags: [],
  attributes: {},
  ...overrides,
});

describe('ContactImportWriter', () => {
  it('creates contacts that record their import and record, with the import’s tags and consent source', async () => {
    const importWriter = writer();
    const outcome = await importWriter.write(person({ firstName: 'Ann', consentEmail: true, tags: ['parks'] }), 7);
    expect(outcome.kind).toBe('created');
    const stored = await contacts.get(outcome.contactId);
    expect(stored?.contact).toMatchObject({
      firstName: 'Ann',
      tags: ['parks', 'imported'],
      consent: { email: { granted: true, source: 'test import' } },
      source: { record: 7 },
    });
  });

  it('merges a repeat within the file into the first record’s contact, filling blanks', async () => {
    const importWriter = writer('create');
    const email = uniqueEmail();
    const first = await importWriter.write(person({ email, firstName: 'Ann' }), 1);
    const phone = uniqueMobile();
    const repeat = await importWriter.write(person({ email, phone, firstName: 'Annie', ward: 'Harbour' }), 2);
    expect(repeat).toEqual({ kind: 'merged_in_file', contactId: first.contactId, changed: true });
    const stored = await contacts.get(first.contactId);
    expect(stored?.contact).toMatchObject({ firstName: 'Ann', phone, ward: 'Harbour' });
    expect(await contacts.findIdBy('phone', phone)).toBe(first.contactId);
  });

  it('treats a record it already wrote (a restart) as created, not as a duplicate', async () => {
    const importWriter = writer();
    const someone = person();
    const first = await importWriter.write(someone, 5);
    expect(await importWriter.write(someone, 5)).toEqual({ kind: 'created', contactId: first.contactId });
  });

  it('counts a change it already made (a restart) as the update it was, not as unchanged', async () => {
    const email = uniqueEmail();
    const original = await writer().write(person({ email, firstName: 'Ann' }), 1);
    const importWriter = writer('update');
    const change = person({ email, firstName: 'Anna' });
    expect(await importWriter.write(change, 9)).toEqual({ kind: 'updated', contactId: original.contactId });
    const stored = await contacts.get(original.contactId);
    expect(stored?.contact.lastImport).toEqual({ importId: expect.any(String), record: 9 });
    expect(await importWriter.write(change, 9)).toEqual({ kind: 'updated', contactId: original.contactId });
    // Another record of the same file making no change is still unchanged.
    expect((await importWriter.write(change, 10)).kind).toBe('unchanged');
  });

  it('leaves existing contacts alone in create mode, overwrites in update mode, fills blanks in fill mode', async () => {
    const email = uniqueEmail();
    const original = await writer().write(person({ email, firstName: 'Ann', ward: 'Central' }), 1);
    const again = person({ email, firstName: 'Anna', postcode: 'M1 1AE' });
    expect((await writer('create').write(again, 1)).kind).toBe('unchanged');
    expect((await writer('fill').write(again, 1)).kind).toBe('updated');
    let stored = await contacts.get(original.contactId);
    expect(stored?.contact).toMatchObject({ firstName: 'Ann', ward: 'Central', postcode: 'M1 1AE' });
    expect((await writer('update').write(again, 1)).kind).toBe('updated');
    stored = await contacts.get(original.contactId);
    expect(stored?.contact).toMatchObject({ firstName: 'Anna', ward: 'Central', postcode: 'M1 1AE' });
    expect((await writer('update').write(again, 1)).kind).toBe('unchanged');
  });

  it('keeps a contact’s own phone when the file would give it one another contact holds', async () => {
    const phone = uniqueMobile();
    const holder = await writer().write(person({ phone, email: undefined }), 1);
    const email = uniqueEmail();
    const other = await writer().write(person({ email }), 1);
    const outcome = await writer('update').write(person({ email, phone }), 2);
    expect(outcome).toEqual({ kind: 'channel_conflict', contactId: other.contactId });
    expect(await contacts.findIdBy('phone', phone)).toBe(holder.contactId);
    expect((await contacts.get(other.contactId))?.contact.phone).toBeUndefined();
  });

  it('creates each person once when two imports of the same people run at the same time', async () => {
    const people = Array.from({ length: 40 }, () => person({ phone: uniqueMobile() }));
    const [a, b] = [writer('fill'), writer('fill')];
    const outcomes = await Promise.all(
      people.flatMap((someone, i) => [a.write(someone, i + 1), b.write({ ...someone, tags: ['b'] }, i + 1)]),
    );
    const created = outcomes.filter((outcome) => outcome.kind === 'created');
    expect(created).toHaveLength(40);
    expect(new Set(outcomes.map((outcome) => outcome.contactId)).size).toBe(40);
    for (const someone of people) {
      const id = await contacts.findIdBy('email', someone.email as string);
      expect(await contacts.findIdBy('phone', someone.phone as string)).toBe(id);
    }
  });

  describe('a batch at a time', () => {
    it('creates new people by transactions of 33, and merges repeats in the batch into them', async () => {
      const people = Array.from({ length: 70 }, () => person({ phone: uniqueMobile() }));
      const repeat = { ...(people[3] as ImportedPerson), email: undefined, firstName: 'Repeat', tags: ['again'] };
      let transactions = 0;
      const counting = new Proxy(contacts, {
        get(target, property, receiver) {
          if (property === 'createMany')
            return (...args: Parameters<ContactsRepository['createMany']>) => {
              transactions++;
              return target.createMany(...args);
            };
          return Reflect.get(target, property, receiver);
        },
      });
      const batchWriter = new ContactImportWriter(counting, uuidv7(), settings);
      const entries = [...people, repeat].map((someone, i) => ({ person: someone, record: i + 1 }));
      const outcomes = await batchWriter.writeBatch(entries, 8);
      expect(transactions).toBe(3);
      expect(outcomes.slice(0, 70).every((outcome) => outcome.kind === 'created')).toBe(true);
      expect(outcomes[70]).toEqual({ kind: 'merged_in_file', contactId: outcomes[3]?.contactId, changed: true });
      const merged = await contacts.get(outcomes[3]?.contactId as string);
      expect(merged?.contact).toMatchObject({ firstName: 'Repeat', tags: ['imported', 'again'] });
      for (const [i, someone] of people.entries())
        expect(await contacts.findIdBy('phone', someone.phone as string)).toBe(outcomes[i]?.contactId);
    });

    it('writes a transaction’s people one at a time when a claim was taken after the batch was read', async () => {
      const people = Array.from({ length: 10 }, () => person({ phone: uniqueMobile() }));
      const taken = people[6] as ImportedPerson;
      const other = await writer('fill').write({ ...taken, firstName: 'Earlier' }, 1);
      // The batch's read misses the contact just written, as it would a concurrent import's.
      const staleRead = new Proxy(contacts, {
        get(target, property, receiver) {
          if (property === 'findIdsBy') return async () => new Map<string, string>();
          return Reflect.get(target, property, receiver);
        },
      });
      const outcomes = await new ContactImportWriter(staleRead, uuidv7(), settings).writeBatch(
        people.map((someone, i) => ({ person: someone, record: i + 1 })),
        8,
      );
      expect(outcomes.map((outcome) => outcome.kind)).toEqual([
        ...Array(6).fill('created'),
        'unchanged',
        ...Array(3).fill('created'),
      ]);
      expect(outcomes[6]?.contactId).toBe(other.contactId);
      expect(new Set(outcomes.map((outcome) => outcome.contactId)).size).toBe(10);
    });
  });
});
