import type { ImportedPerson } from '../../shared/imports/import-record';
import { mergeInto } from '../../shared/imports/pipeline/spilling-deduplicator';

/**
 * The import's merge rules held in memory, as the pipeline once ran them: the reference the spilling
 * deduplicator is checked against.
 *
 * Merges the records of one file that are the same person: the same normalised email or the same E.164
 * phone. The first record makes the contact; later ones fill its blanks and add their tags, and never
 * create a second contact. A later record whose email and phone point at two different contacts merges into
 * the first and keeps the other's value to it (reported as `channel_conflict`). A later record held only by
 * its phone, by a contact with another email, is a contact of its own without that phone
 * (`phone_held_by_other`).
 */
export class ReferenceDeduplicator {
  readonly people: ImportedPerson[] = [];
  private readonly byEmail = new Map<string, number>();
  private readonly byPhone = new Map<string, number>();

  /** Adds a record's person; returns whether it merged into an earlier one, and any conflict. */
  add(person: ImportedPerson): { merged: boolean; conflict: boolean; phoneHeldByOther?: boolean } {
    const byEmail = person.email === undefined ? undefined : this.byEmail.get(person.email);
    const byPhone = person.phone === undefined ? undefined : this.byPhone.get(person.phone);
    if (
      byEmail === undefined &&
      byPhone !== undefined &&
      person.email !== undefined &&
      this.people[byPhone]?.email !== undefined
    ) {
      const { phone: _shared, ...apart } = person;
      this.index(apart, this.people.push(apart) - 1);
      return { merged: false, conflict: false, phoneHeldByOther: true };
    }
    const target = byEmail ?? byPhone;
    if (target === undefined) {
      this.index(person, this.people.push(person) - 1);
      return { merged: false, conflict: false };
    }
    const conflict = byEmail !== undefined && byPhone !== undefined && byEmail !== byPhone;
    const incoming = conflict ? { ...person, phone: undefined } : person;
    const existing = this.people[target] as ImportedPerson;
    mergeInto(existing, incoming);
    this.index(existing, target);
    return { merged: true, conflict };
  }

  private index(person: ImportedPerson, slot: number) {
    if (person.email !== undefined && !this.byEmail.has(person.email)) this.byEmail.set(person.email, slot);
    if (person.phone !== undefined && !this.byPhone.has(person.phone)) this.byPhone.set(person.phone, slot);
  }
}
