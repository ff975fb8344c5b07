import type { ImportedPerson } from './import-record';

/**
 * Merges the records of one file that are the same person: the same normalised email or the same E.164
 * phone. The first record makes the contact; later ones fill its blanks and add their tags, and never
 * create a second contact. A later record whose email and phone point at two different contacts merges into
 * the first and keeps the other's value to it (reported as `channel_conflict`).
 */
export class FileDeduplicator {
  readonly people: ImportedPerson[] = [];
  private readonly byEmail = new Map<string, number>();
  private readonly byPhone = new Map<string, number>();

  /** Adds a record's person; returns whether it merged into an earlier one, and any conflict. */
  add(person: ImportedPerson): { merged: boolean; conflict: boolean } {
    const byEmail = person.email === undefined ? undefined : this.byEmail.get(person.email);
    const byPhone = person.phone === undefined ? undefined : this.byPhone.get(person.phone);
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

/** Fills the blanks of `existing` from `incoming` and unites their tags and attributes. */
export function mergeInto(existing: ImportedPerson, incoming: ImportedPerson): void {
  for (const key of Object.keys(incoming) as (keyof ImportedPerson)[]) {
    if (key === 'tags' || key === 'attributes') continue;
    if (existing[key] === undefined && incoming[key] !== undefined)
      (existing as unknown as Record<string, unknown>)[key] = incoming[key];
  }
  for (const tag of incoming.tags) if (!existing.tags.includes(tag)) existing.tags.push(tag);
  for (const [key, value] of Object.entries(incoming.attributes)) existing.attributes[key] ??= value;
}
