import type { ImportSettings } from '../domain/contact-import';
import { mergeImported } from '../imports/import-merge';
import type { ImportedPerson } from '../imports/import-record';
import type { WriteOutcome } from './contact-import-writer';
import type { ContactsRepository } from './contacts-repository';

/**
 * What the import writer would do, without writing: a taken email or phone claim is an existing contact,
 * classified updated or unchanged by the same merge rule; anyone else would be created, and a later record
 * of a person the dry run would create is an in-file duplicate. Keeps every person's email and phone in
 * memory, so a dry run's memory grows with the number of people in the file.
 */
export class DryRunWriter {
  /** The outcome of each email and phone's first record, noted before its first await (records run in parallel). */
  private readonly seen = new Map<string, Promise<WriteOutcome>>();
  private created = 0;

  constructor(
    private readonly contacts: ContactsRepository,
    private readonly settings: Pick<ImportSettings, 'mode' | 'addTags' | 'consentSource'>,
  ) {}

  async write(person: ImportedPerson, _record: number): Promise<WriteOutcome> {
    const keys = [person.email && `e:${person.email}`, person.phone && `p:${person.phone}`].filter(Boolean) as string[];
    const earlier = keys.map((key) => this.seen.get(key)).find(Boolean);
    if (earlier) {
      // A repeat: merged into the person this run would create, or into an existing contact it already changed.
      const first = await earlier;
      return first.kind === 'created'
        ? { kind: 'merged_in_file', contactId: first.contactId, changed: false }
        : { kind: 'unchanged', contactId: first.contactId };
    }
    const outcome = this.classify(person);
    for (const key of keys) this.seen.set(key, outcome);
    return outcome;
  }

  private async classify(person: ImportedPerson): Promise<WriteOutcome> {
    const holderId =
      (person.email && (await this.contacts.findIdBy('email', person.email))) ||
      (person.phone && (await this.contacts.findIdBy('phone', person.phone))) ||
      undefined;
    const holder = holderId ? await this.contacts.get(holderId) : undefined;
    if (holder) {
      const merged = mergeImported(holder.contact, person, this.settings, new Date().toISOString());
      return { kind: merged === holder.contact ? 'unchanged' : 'updated', contactId: holder.contact.id };
    }
    return { kind: 'created', contactId: `new-${++this.created}` };
  }
}
