// Over 300 lines, on purpose. A contact and its email and phone claims are written in the same transactions (create, replace, delete,
// an import's batches), and a cancelled one is explained by which claim failed: the writes and the claims
// stay in one module rather than splitting each transaction across files.
import type { CancellationReason } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { batchGet } from '../core/db/batch-get';
import { decodeCursor, encodeCursor } from '../core/db/cursor';
import { ITEM_IS_NEW } from '../core/db/entity';
import { TABLE } from '../core/db/table-definition';
import { cancellationReasons, transactWrite, worthRetrying } from '../core/db/transactions';
import { jitteredPause, type RetryPolicy, retrying } from '../core/retry';
import { withConsentHistory } from './consent-history';
import type { Contact, ContactPage } from './contact';
import { type ContactFilter, pickKey, queryPlan } from './contact-queries';
import type { PossibleDuplicate } from './duplicates';
import {
  contactClaimEntity,
  contactEntity,
  possibleDuplicateEntity,
  UNIQUE_FIELDS,
  type UniqueField,
} from './entities';

/**
 * Contacts in the single table: keys in ./entities.ts, access patterns in docs/data-model.md. Uniqueness is held by the claim items: they are written in the same transaction as the contact, each on
 * condition that it does not exist yet, so two concurrent writers can never both succeed.
 */

export type { ContactFilter } from './contact-queries';
export { UNIQUE_FIELDS, type UniqueField } from './entities';

/** New contacts `createMany` writes in one transaction: a contact and two claims each, of 100 items at most. */
export const PEOPLE_PER_TRANSACTION = 33;

/** The unique values a person or contact carries, email first (the order in which the import looks for a holder). */
export function channelsOf(person: {
  email?: string | undefined;
  phone?: string | undefined;
}): { field: UniqueField; value: string }[] {
  const channels: { field: UniqueField; value: string }[] = [];
  if (person.email !== undefined) channels.push({ field: 'email', value: person.email });
  if (person.phone !== undefined) channels.push({ field: 'phone', value: person.phone });
  return channels;
}

/** How an email or phone is named in `findIdsBy`'s answer. */
export const channelKey = (field: UniqueField, value: string) => `${field}:${value}`;

export class UniqueValueTakenError extends Error {
  constructor(
    readonly field: UniqueField,
    readonly existingContactId: string,
  ) {
    super(`${field} already belongs to contact ${existingContactId}`);
  }
}

/** The stored contact changed between our read and our write. */
export class ContactChangedError extends Error {}

export interface StoredContact {
  contact: Contact;
  version: number;
}

const contactItem = (contact: Contact, version: number) => contactEntity.item(contact, { version });

function contactFromItem(item: Record<string, unknown>): StoredContact {
  return { contact: contactEntity.read(item), version: contactEntity.storedOf(item).version as number };
}

export class ContactsRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(created: Contact): Promise<Contact> {
    const contact = withConsentHistory(created);
    await this.transact(this.newContactItems(contact), [
      undefined,
      ...UNIQUE_FIELDS.filter((field) => contact[field] !== undefined),
    ]);
    return contact;
  }

  /**
   * Creates several new contacts in one transaction (at most 33: three items each, of DynamoDB's 100), each
   * with its claims on the same conditions as `create`, and retried as `create` is. All or none are written:
   * if a claim is taken, it fails with DynamoDB's error as it is, for the caller to write the people one at
   * a time (which explains a taken claim).
   */
  async createMany(contacts: readonly Contact[]): Promise<void> {
    if (contacts.length > PEOPLE_PER_TRANSACTION) throw new Error(`at most ${PEOPLE_PER_TRANSACTION} contacts at once`);
    await this.sendRetrying(contacts.flatMap((contact) => this.newContactItems(withConsentHistory(contact))));
  }

  /**
   * The contact and the version it was read at, strongly consistent: what is read here feeds conditional
   * writes (replace, delete, an import's merge), and in AWS an eventually consistent read can be older than
   * the last write, which would fail the write's condition and spend a retry.
   */
  async get(id: string): Promise<StoredContact | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: contactEntity.key(id), ConsistentRead: true }),
    );
    return Item ? contactFromItem(Item) : undefined;
  }

  /**
   * Replaces a contact read at `version`, moving its email and phone claims when they change; the contact as
   * written (its consent history grown by any change of consent).
   */
  async replace(previous: StoredContact, replacement: Contact): Promise<Contact> {
    const next = withConsentHistory(replacement, previous.contact);
    const items: TransactItem[] = [
      {
        Put: {
          Item: contactItem(next, previous.version + 1),
          ConditionExpression: '#version = :version',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':version': previous.version },
        },
      },
    ];
    const fieldsOfItems: (UniqueField | undefined)[] = [undefined];
    for (const field of UNIQUE_FIELDS) {
      if (previous.contact[field] === next[field]) continue;
      if (previous.contact[field] !== undefined) {
        items.push(this.release(field, previous.contact));
        fieldsOfItems.push(undefined);
      }
      if (next[field] !== undefined) {
        items.push(...this.claim(field, next));
        fieldsOfItems.push(field);
      }
    }
    await this.transact(items, fieldsOfItems);
    return next;
  }

  /** Deletes a contact read at `version` together with its claims. */
  async delete(previous: StoredContact): Promise<void> {
    await this.transact(
      [
        {
          Delete: {
            Key: contactEntity.key(previous.contact.id),
            ConditionExpression: '#version = :version',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':version': previous.version },
          },
        },
        ...UNIQUE_FIELDS.filter((field) => previous.contact[field] !== undefined).map((field) =>
          this.release(field, previous.contact),
        ),
        ...(previous.contact.otherEmails ?? []).map((email) => this.releaseValue('email', email, previous.contact.id)),
      ],
      [],
    );
  }

  /**
   * Records a possible duplicate once (the import writes contacts, so it raises them): a pair already found,
   * or already decided distinct or merged, stays as it is.
   */
  async flagDuplicate(pair: PossibleDuplicate): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: possibleDuplicateEntity.item(pair),
          ConditionExpression: ITEM_IS_NEW,
        }),
      );
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    }
  }

  /**
   * Merges `other` into `kept` (both as read): `next` replaces the kept contact, the other is deleted, and
   * the other's claims move to the kept contact where `next` still holds their values (its email, now one of
   * `otherEmails`, goes on finding the person), or are released. One transaction, on both versions.
   */
  async merge(kept: StoredContact, other: StoredContact, merged: Contact): Promise<Contact> {
    const next = withConsentHistory(merged, kept.contact, other.contact);
    const held = new Set([next.email, next.phone, ...(next.otherEmails ?? [])].filter(Boolean));
    const claims: TransactItem[] = [];
    const otherValues: { field: UniqueField; value: string }[] = [
      ...channelsOf(other.contact),
      ...(other.contact.otherEmails ?? []).map((value) => ({ field: 'email' as const, value })),
    ];
    for (const { field, value } of otherValues)
      claims.push(
        held.has(value)
          ? {
              Put: {
                Item: contactClaimEntity.item({ field, value, contactId: next.id }),
                ConditionExpression: 'contactId = :other',
                ExpressionAttributeValues: { ':other': other.contact.id },
              },
            }
          : this.releaseValue(field, value, other.contact.id),
      );
    await this.transact(
      [
        {
          Put: {
            Item: contactItem(next, kept.version + 1),
            ConditionExpression: '#version = :version',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':version': kept.version },
          },
        },
        {
          Delete: {
            Key: contactEntity.key(other.contact.id),
            ConditionExpression: '#version = :version',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':version': other.version },
          },
        },
        ...claims,
      ],
      [],
    );
    return next;
  }

  async findIdBy(field: UniqueField, value: string): Promise<string | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: contactClaimEntity.key(field, value),
        ProjectionExpression: 'contactId',
      }),
    );
    return Item?.contactId as string | undefined;
  }

  /**
   * Who holds each of these emails or phones: a map from their `channelKey` to the contact's id. Read
   * strongly consistent when what is found decides a write (`consistentRead`), as an import's does.
   */
  async findIdsBy(
    values: readonly { field: UniqueField; value: string }[],
    options: { consistentRead?: boolean } = {},
  ): Promise<Map<string, string>> {
    // By claim pk, once each: BatchGetItem refuses a request that names a key twice, and the records of one
    // batch often share values.
    const claims = new Map(
      values.map(({ field, value }) => {
        const key = contactClaimEntity.key(field, value);
        return [key.pk, { key, channel: channelKey(field, value) }];
      }),
    );
    const keys = [...claims.values()].map(({ key }) => key);
    const items = await batchGet(this.client, this.tableName, keys, {
      projection: [TABLE.partitionKey, 'contactId'],
      consistentRead: options.consistentRead ?? false,
    });
    return new Map(items.map((item) => [claims.get(item.pk as string)?.channel as string, item.contactId as string]));
  }

  /** The contacts found under these ids, by id (a missing id is absent from the map). */
  async getMany(ids: readonly string[]): Promise<Map<string, StoredContact>> {
    const items = await batchGet(
      this.client,
      this.tableName,
      [...new Set(ids)].map((id) => contactEntity.key(id)),
    );
    return new Map(items.map(contactFromItem).map((stored) => [stored.contact.id, stored]));
  }

  /**
   * One page of contacts, oldest first. The most selective key condition serves the query (see queryPlan);
   * the rest of the filter is a filter expression on it. A filtered page may read several
   * DynamoDB pages (bounded by `readBudget`) to fill up, and can come back short with a cursor.
   */
  async list(filter: ContactFilter, limit: number, cursor?: string, readBudget = 10): Promise<ContactPage> {
    const page = await this.queryPage(filter, limit, cursor, readBudget);
    return { ...page, items: page.items.map((item) => contactFromItem(item).contact) };
  }

  /**
   * The ids of the same page as `list`: only the keys and the id come back, so a job that only needs to know
   * who (a campaign's audience) does not carry and read whole contacts.
   */
  async listIds(
    filter: ContactFilter,
    limit: number,
    cursor?: string,
  ): Promise<{ ids: string[]; nextCursor?: string }> {
    const { items, nextCursor } = await this.queryPage(filter, limit, cursor, 10, ['id']);
    return { ids: items.map((item) => item.id as string), ...(nextCursor && { nextCursor }) };
  }

  private async queryPage(
    filter: ContactFilter,
    limit: number,
    cursor: string | undefined,
    readBudget: number,
    onlyAttributes?: readonly string[],
  ) {
    const plan = queryPlan(filter);
    const { keyShape, filtered } = plan;
    const { indexName, values, conditions } = plan;
    const names = { ...plan.names };
    const projected = onlyAttributes && [...new Set([...keyShape.attributes, ...onlyAttributes])];
    const projection = projected?.map((name, index) => {
      names[`#p${index}`] = name;
      return `#p${index}`;
    });
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined =
      cursor === undefined ? undefined : await decodeCursor(cursor, keyShape);
    for (let reads = 0; reads < readBudget && items.length < limit; reads++) {
      const input: QueryCommandInput = {
        TableName: this.tableName,
        IndexName: indexName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ...(filtered && { FilterExpression: conditions.join(' AND ') }),
        ...(projection && { ProjectionExpression: projection.join(', ') }),
        // Unfiltered, read one item past the page so a full last page comes without a cursor to an empty one;
        // filtered, read wider pages to fill ours sooner.
        Limit: filtered ? Math.max(limit, 200) : limit - items.length + 1,
        ExclusiveStartKey: startKey,
      };
      const page = await this.client.send(new QueryCommand(input));
      const room = limit - items.length;
      const taken = (page.Items ?? []).slice(0, room);
      items.push(...taken);
      if ((page.Items?.length ?? 0) > room) {
        // Stopped inside DynamoDB's page: continue after the last item we return.
        startKey = pickKey(taken[taken.length - 1] as Record<string, unknown>, keyShape.attributes);
        break;
      }
      startKey = page.LastEvaluatedKey;
      if (!startKey) break;
    }
    return { items, ...(startKey && { nextCursor: await encodeCursor(startKey) }) };
  }

  /** How many contacts match, read through the same query as the listing (its cost grows with the set). */
  /**
   * Counts the contacts a filter matches, from `resumeAfter` (where an earlier part stopped) until the end or
   * until `timeIsShort` says to stop; `resumeAfter` in the answer is where to go on from.
   */
  async count(
    filter: ContactFilter,
    options: { resumeAfter?: Record<string, unknown>; timeIsShort?: () => boolean } = {},
  ): Promise<{ counted: number; resumeAfter?: Record<string, unknown> }> {
    const { indexName, names, values, conditions } = queryPlan(filter);
    let counted = 0;
    let startKey = options.resumeAfter;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: indexName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ...(conditions.length > 0 && { FilterExpression: conditions.join(' AND ') }),
          Select: 'COUNT',
          ExclusiveStartKey: startKey,
        }),
      );
      counted += page.Count ?? 0;
      startKey = page.LastEvaluatedKey;
    } while (startKey && !options.timeIsShort?.());
    return { counted, ...(startKey && { resumeAfter: startKey }) };
  }

  /** The contacts an import created, a page at a time. */
  async listCreatedBy(importId: string, startKey?: Record<string, unknown>) {
    const page = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        ...contactEntity.queryIndex('contactsByImport', importId),
        ExclusiveStartKey: startKey,
        Limit: 100,
      }),
    );
    return { contacts: (page.Items ?? []).map(contactFromItem), nextKey: page.LastEvaluatedKey };
  }

  private claim(field: UniqueField, contact: Contact): TransactItem[] {
    const value = contact[field];
    if (value === undefined) return [];
    return [
      {
        Put: {
          Item: contactClaimEntity.item({ field, value, contactId: contact.id }),
          ConditionExpression: ITEM_IS_NEW,
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
    ];
  }

  private release(field: UniqueField, contact: Contact): TransactItem {
    return this.releaseValue(field, contact[field] as string, contact.id);
  }

  private releaseValue(field: UniqueField, value: string, contactId: string): TransactItem {
    return {
      Delete: {
        Key: contactClaimEntity.key(field, value),
        ConditionExpression: 'contactId = :id',
        ExpressionAttributeValues: { ':id': contactId },
      },
    };
  }

  /**
   * Runs a transaction and explains a cancellation: a failed claim names the contact holding the value;
   * any other failed condition means the contact changed under us.
   */
  private async transact(items: TransactItem[], claimFields: (UniqueField | undefined)[]): Promise<void> {
    try {
      await this.sendRetrying(items);
    } catch (error) {
      this.explainCancellation(error, cancellationReasons(error), claimFields);
    }
  }

  /**
   * Sends a transaction. When it met another transaction on an item, or an item was throttled, nothing was
   * written, so the same transaction is sent again after a pause; on retry a claim taken meanwhile fails its
   * condition, and that error (or any other) reaches the caller.
   */
  private async sendRetrying(items: TransactItem[]): Promise<void> {
    await retrying(
      TRANSACTION_RETRIES,
      (error) => worthRetrying(cancellationReasons(error)),
      () => transactWrite(this.client, this.tableName, items),
    );
  }

  /** A new contact and its claims, each on condition that it does not exist yet. */
  private newContactItems(contact: Contact): TransactItem[] {
    return [
      { Put: { Item: contactItem(contact, 1), ConditionExpression: ITEM_IS_NEW } },
      ...UNIQUE_FIELDS.flatMap((field) => this.claim(field, contact)),
    ];
  }

  private explainCancellation(
    error: unknown,
    reasons: CancellationReason[] | undefined,
    claimFields: (UniqueField | undefined)[],
  ): never {
    if (!reasons) throw error;
    for (const [index, reason] of reasons.entries()) {
      const field = claimFields[index];
      if (reason.Code !== 'ConditionalCheckFailed' || field === undefined) continue;
      const holder = reason.Item ? (unmarshall(reason.Item).contactId as string) : undefined;
      throw new UniqueValueTakenError(field, holder ?? 'unknown');
    }
    if (reasons.some((reason) => reason.Code === 'ConditionalCheckFailed')) throw new ContactChangedError();
    throw error;
  }
}

/** A conflicting or throttled transaction is tried this many times in all before the error reaches the caller. */
const TRANSACTION_RETRIES: RetryPolicy = { attempts: 6, pause: jitteredPause };

type TransactItem =
  | { Put: { Item: Record<string, unknown>; [option: string]: unknown } }
  | { Delete: { Key: Record<string, unknown>; [option: string]: unknown } };
