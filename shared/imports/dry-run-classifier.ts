import type { Contact } from '../contacts/contact';
import { type ContactsRepository, channelKey, channelsOf } from '../contacts/contacts-repository';
import type { ImportSettings, ImportSummary } from './contact-import';
import { contactFields, leftOutByLimits, mergeImported, refusalKept } from './import-merge';
import type { ImportedPerson } from './import-record';
import type { ContactRecords } from './pipeline/spilling-deduplicator';

/** A person of the file, merged from all its records, and the records that made it. */
export interface FilePerson {
  person: ImportedPerson;
  records: ContactRecords;
}

/**
 * What the import would do with a file's people, counted without writing: a person whose email or phone an
 * existing contact holds (the email's holder first, as the import merges) is that contact: each of the
 * person's records, in file order, updates it or leaves it unchanged by the same merge rule and mode as the
 * import. Anyone else would be created, and their later records are in-file duplicates. (Records whose
 * email and phone belong to two people are counted as channel conflicts by the pipeline, as the import does.)
 *
 * People are looked up a batch at a time (BatchGetItem of their claims, then of the holders), so the
 * memory is one batch's and the reads are a few per hundred people.
 */
export class DryRunClassifier {
  constructor(
    private readonly contacts: Pick<ContactsRepository, 'findIdsBy' | 'getMany'>,
    private readonly settings: Pick<ImportSettings, 'mode' | 'addTags' | 'consentSource'>,
    private readonly now: () => string,
  ) {}

  /** Adds to `summary` what the import would do with these people. */
  async classify(people: readonly FilePerson[], summary: ImportSummary): Promise<void> {
    const claims = people.flatMap(({ person }) => channelsOf(person));
    const holders = await this.contacts.findIdsBy(claims);
    const holderOf = (person: ImportedPerson) =>
      channelsOf(person)
        .map(({ field, value }) => holders.get(channelKey(field, value)))
        .find((id) => id !== undefined);
    const existing = await this.contacts.getMany([...new Set(holders.values())]);
    const now = this.now();
    for (const { person, records } of people) {
      const holderId = holderOf(person);
      let holder = holderId === undefined ? undefined : existing.get(holderId);
      // Held only by its mobile, by a contact with another email: the import writes it apart (phone_held_by_other).
      const byEmail = person.email !== undefined && holders.has(channelKey('email', person.email));
      if (
        holder &&
        !byEmail &&
        person.email !== undefined &&
        holder.contact.email !== undefined &&
        holder.contact.email !== person.email
      ) {
        summary.warnings.phone_held_by_other = (summary.warnings.phone_held_by_other ?? 0) + 1;
        holder = undefined;
      }
      if (!holder) {
        summary.created++;
        summary.duplicate_records += records.people.length - 1;
        this.countLeftOutInFile(records.people, summary, now);
        continue;
      }
      let contact = holder.contact;
      for (const record of records.people) {
        if (leftOutByLimits(contact, record, this.settings)) countLeftOut(summary);
        if (refusalKept(contact, record, this.settings, now))
          summary.warnings.consent_refusal_kept = (summary.warnings.consent_refusal_kept ?? 0) + 1;
        const next = mergeImported(contact, record, this.settings, now);
        if (next === contact) summary.unchanged++;
        else summary.updated++;
        contact = next;
      }
    }
  }

  /**
   * Tags or attributes a new person's records would leave out, as the import counts them: the first record
   * makes the contact, each later one fills it in (in-file repeats merge in fill mode).
   */
  private countLeftOutInFile(people: readonly ImportedPerson[], summary: ImportSummary, now: string): void {
    const [first, ...repeats] = people;
    if (!first) return;
    if (leftOutByLimits(undefined, first, this.settings)) countLeftOut(summary);
    if (repeats.length === 0) return;
    const fill = { ...this.settings, mode: 'fill' as const };
    let contact: Contact = { id: '', ...contactFields(first, this.settings, now), createdAt: now, updatedAt: now };
    for (const record of repeats) {
      if (leftOutByLimits(contact, record, fill)) countLeftOut(summary);
      contact = mergeImported(contact, record, fill, now);
    }
  }
}

function countLeftOut(summary: ImportSummary): void {
  summary.warnings.over_contact_limits = (summary.warnings.over_contact_limits ?? 0) + 1;
}
