import { v7 as uuidv7 } from 'uuid';
import type { Contact } from '../contacts/contact';
import {
  ContactChangedError,
  type ContactsRepository,
  channelKey,
  channelsOf,
  PEOPLE_PER_TRANSACTION,
  type StoredContact,
  UniqueValueTakenError,
} from '../contacts/contacts-repository';
import { forEachConcurrently } from '../core/concurrency';
import { retrying } from '../core/retry';
import type { ImportSettings } from './contact-import';
import { contactFields, leftOutByLimits, mergeImported, refusalKept } from './import-merge';
import type { ImportedPerson } from './import-record';

/**
 * Writes imported people as contacts through the same transactions as the contacts API, so uniqueness by
 * email and phone is the database's, across overlapping imports too. A person whose email or phone is
 * taken is the contact holding it: the record merges into that contact by the import's mode.
 */
export type WriteOutcome = (
  | { kind: 'created'; contactId: string }
  /** The record repeats a person this import created from an earlier record. */
  | { kind: 'merged_in_file'; contactId: string; changed: boolean }
  | { kind: 'updated'; contactId: string }
  | { kind: 'unchanged'; contactId: string }
  | { kind: 'channel_conflict'; contactId: string }
) & {
  /** Tags or attributes of the record were left out: the contact was at a contact's limits (leftOutByLimits). */
  leftOut?: true;
  /** The record would have granted consent the contact had refused, without newer evidence (refusalKept). */
  refusalKept?: true;
  /**
   * The record's mobile belongs to a contact with another email: the record was written without it (its own
   * contact, or its email's) and the two were flagged as possible duplicates.
   */
  phoneHeldByOther?: true;
};

const WRITE_ATTEMPTS = 5;

export class ContactImportWriter {
  constructor(
    private readonly contacts: ContactsRepository,
    private readonly importId: string,
    private readonly settings: Pick<ImportSettings, 'mode' | 'addTags' | 'consentSource'>,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  /**
   * Writes a batch of records' people. One read of every email and phone they carry (BatchGetItem) finds
   * the people that are new: no contact holds their email or phone and no earlier record of the batch
   * shares one. Those are created 33 to a transaction (a contact and its claims each, on the same conditions
   * as one at a time, so uniqueness stays the database's, and retried as they are). A transaction that fails
   * (a claim taken since the read, by another import, or written before a restart) is written again a
   * person at a time, which explains each case. Everyone else is written a person at a time after the new
   * people, so a record that repeats a new person merges into the contact just created, as it would in
   * record order.
   */
  async writeBatch(
    entries: readonly { person: ImportedPerson; record: number }[],
    concurrency: number,
  ): Promise<WriteOutcome[]> {
    const outcomes: WriteOutcome[] = new Array(entries.length);
    const held = await this.contacts.findIdsBy(
      entries.flatMap(({ person }) => channelsOf(person)),
      { consistentRead: true },
    );
    const seen = new Set<string>();
    const fresh: number[] = [];
    const others: number[] = [];
    entries.forEach(({ person }, index) => {
      const keys = channelsOf(person).map(({ field, value }) => channelKey(field, value));
      (keys.every((key) => !held.has(key) && !seen.has(key)) ? fresh : others).push(index);
      for (const key of keys) seen.add(key);
    });
    const oneByOne = async (index: number) => {
      const { person, record } = entries[index] as (typeof entries)[number];
      outcomes[index] = await this.write(person, record);
    };
    const groups = Array.from({ length: Math.ceil(fresh.length / PEOPLE_PER_TRANSACTION) }, (_, g) =>
      fresh.slice(g * PEOPLE_PER_TRANSACTION, (g + 1) * PEOPLE_PER_TRANSACTION),
    );
    await forEachConcurrently(groups, concurrency, async (group) => {
      const now = this.now();
      const contacts = group.map((index) => {
        const { person, record } = entries[index] as (typeof entries)[number];
        return this.newContact(person, record, now);
      });
      try {
        await this.contacts.createMany(contacts);
      } catch {
        for (const index of group) await oneByOne(index);
        return;
      }
      group.forEach((index, k) => {
        outcomes[index] = this.created(
          (contacts[k] as Contact).id,
          (entries[index] as (typeof entries)[number]).person,
        );
      });
    });
    await forEachConcurrently(others, concurrency, oneByOne);
    return outcomes;
  }

  async write(person: ImportedPerson, record: number): Promise<WriteOutcome> {
    // Another writer changed the contact between our read and our write: read it again.
    return retrying(
      { attempts: WRITE_ATTEMPTS },
      (error) => error instanceof ContactChangedError,
      () => this.attempt(person, record),
    );
  }

  private async attempt(person: ImportedPerson, record: number): Promise<WriteOutcome> {
    const now = this.now();
    const contact = this.newContact(person, record, now);
    let holderId: string;
    let takenField: 'email' | 'phone';
    try {
      await this.contacts.create(contact);
      return this.created(contact.id, person);
    } catch (error) {
      if (!(error instanceof UniqueValueTakenError)) throw error;
      holderId = error.existingContactId;
      takenField = error.field;
    }
    const stored = await this.contacts.get(holderId);
    // The claim and its contact are written in one transaction, so a holder is only missing if it was
    // deleted since: try again from the start.
    if (!stored) throw new ContactChangedError();
    const existing = stored.contact;
    if (existing.source?.importId === this.importId && existing.source.record === record)
      return this.created(existing.id, person); // this record, written before a restart

    // The same email is the same person; the same mobile with another email is not: a household or a couple
    // sharing a phone. The record goes on without the mobile, and the two are offered for review.
    if (
      takenField === 'phone' &&
      person.email !== undefined &&
      existing.email !== undefined &&
      existing.email !== person.email
    )
      return this.writeWithoutSharedPhone(person, record, existing.id);

    const inFile = existing.source?.importId === this.importId;
    if (existing.lastImport?.importId === this.importId && existing.lastImport.record === record)
      // this record's change, written before a restart
      return inFile
        ? { kind: 'merged_in_file', contactId: existing.id, changed: true }
        : { kind: 'updated', contactId: existing.id };
    // An in-file repeat is the same person written twice: it fills blanks. Other contacts follow the mode.
    const settings = inFile ? { ...this.settings, mode: 'fill' as const } : this.settings;
    const leftOut = leftOutByLimits(existing, person, settings);
    const kept = refusalKept(existing, person, settings, now);
    const next = mergeImported(existing, person, settings, now);
    if (next === existing)
      return withNotes(
        inFile
          ? { kind: 'merged_in_file', contactId: existing.id, changed: false }
          : { kind: 'unchanged', contactId: existing.id },
        leftOut,
        kept,
      );
    const outcome = await this.replaceKeepingHeldChannels(
      stored,
      { ...next, lastImport: { importId: this.importId, record } },
      inFile,
    );
    return withNotes(outcome, leftOut, kept);
  }

  private async writeWithoutSharedPhone(
    person: ImportedPerson,
    record: number,
    holderId: string,
  ): Promise<WriteOutcome> {
    const sharedPhone = person.phone as string;
    const { phone: _shared, ...apart } = person;
    const outcome = await this.attempt(apart, record);
    if (outcome.contactId !== holderId) {
      const contactIds = [outcome.contactId, holderId].sort() as [string, string];
      await this.contacts.flagDuplicate({
        contactIds,
        reason: 'shared_phone',
        sharedPhone,
        foundBy: { importId: this.importId, record },
        foundAt: this.now(),
        status: 'open',
      });
    }
    return { ...outcome, phoneHeldByOther: true };
  }

  private created(contactId: string, person: ImportedPerson): WriteOutcome {
    return withNotes({ kind: 'created', contactId }, leftOutByLimits(undefined, person, this.settings), false);
  }

  private newContact(person: ImportedPerson, record: number, now: string): Contact {
    return {
      id: uuidv7(),
      ...contactFields(person, this.settings, now),
      source: { importId: this.importId, record },
      createdAt: now,
      updatedAt: now,
    };
  }

  /**
   * Writes the merged contact. If the merge would give it an email or phone another contact holds, the
   * contact keeps its own value for that channel and the record is reported as a channel conflict.
   */
  private async replaceKeepingHeldChannels(
    stored: StoredContact,
    next: Contact,
    inFile: boolean,
  ): Promise<WriteOutcome> {
    let candidate = next;
    let conflict = false;
    for (let tries = 0; tries < 3; tries++) {
      try {
        if (candidate !== stored.contact) await this.contacts.replace(stored, candidate);
        if (conflict) return { kind: 'channel_conflict', contactId: stored.contact.id };
        return inFile
          ? { kind: 'merged_in_file', contactId: stored.contact.id, changed: true }
          : { kind: 'updated', contactId: stored.contact.id };
      } catch (error) {
        if (!(error instanceof UniqueValueTakenError)) throw error;
        conflict = true;
        candidate = { ...candidate, [error.field]: stored.contact[error.field] };
      }
    }
    throw new Error(`could not merge into contact ${stored.contact.id}`);
  }
}

function withNotes(outcome: WriteOutcome, leftOut: boolean, kept: boolean): WriteOutcome {
  if (!leftOut && !kept) return outcome;
  return { ...outcome, ...(leftOut && { leftOut: true as const }), ...(kept && { refusalKept: true as const }) };
}
