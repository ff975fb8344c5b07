import { ConflictError, NotFoundError, ValidationError } from '../core/errors';
import type { Caller } from '../core/http/auth';
import type { Contact } from './contact';
import { ContactChangedError, type ContactsRepository } from './contacts-repository';
import { mergedContact, type PossibleDuplicate, pairId, pairOf } from './duplicates';
import type { DuplicatesRepository } from './duplicates-repository';

export interface DuplicateView {
  id: string;
  reason: PossibleDuplicate['reason'];
  sharedPhone: string;
  foundBy: PossibleDuplicate['foundBy'];
  foundAt: string;
  contacts: Contact[];
}

/** The possible-duplicates review: open pairs with both contacts, and what staff decide of each. */
export class DuplicatesService {
  constructor(
    private readonly duplicates: DuplicatesRepository,
    private readonly contacts: Pick<ContactsRepository, 'get' | 'getMany' | 'merge'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Open pairs, oldest first; a pair one of whose contacts is gone (deleted since) is left out. */
  async list(limit: number, cursor?: string): Promise<{ items: DuplicateView[]; nextCursor?: string }> {
    const page = await this.duplicates.listOpen(limit, cursor);
    const found = await this.contacts.getMany(page.items.flatMap((pair) => pair.contactIds));
    const items = page.items.flatMap((pair) => {
      const contacts = pair.contactIds.map((id) => found.get(id)?.contact);
      if (contacts.some((contact) => contact === undefined)) return [];
      const { contactIds, status: _status, ...rest } = pair;
      return [{ id: pairId(...contactIds), ...rest, contacts: contacts as Contact[] }];
    });
    return { items, ...(page.nextCursor && { nextCursor: page.nextCursor }) };
  }

  /** Staff say the two are different people: the pair leaves the review, and no import raises it again. */
  async markDistinct(id: string, caller: Caller): Promise<void> {
    const pair = await this.open(id);
    if (!(await this.duplicates.decide(pair, 'distinct', who(caller), this.now().toISOString())))
      throw new ConflictError('This pair was decided meanwhile.');
  }

  /** Merges the pair into the contact `keep` names (mergedContact), deleting the other; answers the merged contact. */
  async merge(id: string, keep: string, caller: Caller): Promise<Contact> {
    const pair = await this.open(id);
    if (!pair.contactIds.includes(keep))
      throw new ValidationError([
        { path: 'body.keep', message: `expected one of the pair's contacts: ${pair.contactIds.join(', ')}` },
      ]);
    const otherId = pair.contactIds.find((contactId) => contactId !== keep) as string;
    const [kept, other] = [await this.contacts.get(keep), await this.contacts.get(otherId)];
    if (!kept || !other) throw new ConflictError('One of the two contacts no longer exists.');
    const at = this.now().toISOString();
    let next = mergedContact(kept.contact, other.contact, who(caller), at);
    try {
      next = await this.contacts.merge(kept, other, next);
    } catch (error) {
      if (error instanceof ContactChangedError)
        throw new ConflictError('One of the two contacts changed meanwhile; look again.');
      throw error;
    }
    await this.duplicates.decide(pair, 'merged', who(caller), at);
    return next;
  }

  private async open(id: string): Promise<PossibleDuplicate> {
    const ids = pairOf(id);
    const pair = ids && (await this.duplicates.get(...ids));
    if (!pair) throw new NotFoundError(`No possible duplicate ${id}.`);
    if (pair.status !== 'open') throw new ConflictError(`This pair was decided already (${pair.status}).`);
    return pair;
  }
}

const who = (caller: Caller) => caller.username ?? caller.subject;
