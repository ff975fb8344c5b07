import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Contact } from '../../../shared/contacts/contact';
import { type ContactFilter, ContactsRepository } from '../../../shared/contacts/contacts-repository';
import { uniqueEmail } from '../api-client';
import { localDocumentClient, localTableName, useLocalSecrets } from '../local-clients';

/** Connected tests: the repository's listings against the local stack's DynamoDB Local. */
const contacts = new ContactsRepository(localDocumentClient(), localTableName());

async function createTagged(tag: string, count: number, ward?: string) {
  const at = new Date().toISOString();
  const ids: string[] = [];
  for (let index = 0; index < count; index++) {
    const contact: Contact = {
      id: uuidv7(),
      email: uniqueEmail(),
      tags: [tag],
      attributes: {},
      consent: {},
      ...(ward && { ward }),
      createdAt: at,
      updatedAt: at,
    };
    await contacts.create(contact);
    ids.push(contact.id);
  }
  return ids;
}

async function everyPage<T>(read: (cursor?: string) => Promise<{ page: T[]; nextCursor?: string }>) {
  const pages: T[][] = [];
  let cursor: string | undefined;
  do {
    const { page, nextCursor } = await read(cursor);
    pages.push(page);
    cursor = nextCursor;
  } while (cursor);
  return pages;
}

describe('ContactsRepository.listIds', () => {
  beforeAll(useLocalSecrets);

  it.each<[string, (tag: string) => ContactFilter]>([
    ['a filter expression over every contact', (tag) => ({ tagsAny: [tag] })],
    ['a ward index with a tag', (tag) => ({ ward: `Ward ${tag}`, tag })],
  ])('pages through the same ids as list, page for page (%s)', async (_, filterOf) => {
    const tag = `listing-${randomUUID()}`;
    const filter = filterOf(tag);
    const created = await createTagged(tag, 7, filter.ward);
    await createTagged(`other-${randomUUID()}`, 2, filter.ward);

    const listed = await everyPage(async (cursor) => {
      const page = await contacts.list(filter, 3, cursor);
      return { page: page.items.map((contact) => contact.id), nextCursor: page.nextCursor };
    });
    const ids = await everyPage(async (cursor) => {
      const page = await contacts.listIds(filter, 3, cursor);
      return { page: page.ids, nextCursor: page.nextCursor };
    });
    expect(ids).toEqual(listed);
    expect(ids.flat()).toEqual(created);
  });
});
