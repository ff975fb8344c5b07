import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Contact } from '../../../shared/contacts/contact';
import {
  ContactChangedError,
  ContactsRepository,
  UniqueValueTakenError,
} from '../../../shared/contacts/contacts-repository';
import { contactEntity } from '../../../shared/contacts/entities';
import { encodeCursor } from '../../../shared/core/db/cursor';
import { ValidationError } from '../../../shared/core/errors';

const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-2' }));
const dynamo = mockClient(documentClient);
const repository = new ContactsRepository(documentClient, 'table');

const contact: Contact = {
  id: 'c1',
  email: 'ann@example.org',
  phone: '+447123456789',
  ward: 'Old Town',
  language: 'cy',
  tags: [],
  consent: {},
  attributes: {},
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

const cancelled = (reasons: { Code: string; Item?: Record<string, unknown> }[]) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: reasons.map((reason) => ({
      Code: reason.Code,
      ...(reason.Item && { Item: marshall(reason.Item) }),
    })),
  });

beforeEach(() => dynamo.reset());

describe('ContactsRepository.create', () => {
  it('writes the contact and one claim per unique value in one transaction, each on condition of absence', async () => {
    dynamo.on(TransactWriteCommand).resolves({});
    await repository.create(contact);
    const items = dynamo.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(items.map((item) => item.Put?.Item?.pk)).toEqual([
      'CONTACT#c1',
      'CONTACT_EMAIL#ann@example.org',
      'CONTACT_PHONE#+447123456789',
    ]);
    for (const item of items) expect(item.Put?.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(items[0]?.Put?.Item).toMatchObject({
      gsi1pk: 'CONTACT',
      gsi2pk: 'CONTACT_WARD#old town',
      gsi3pk: 'CONTACT_LANGUAGE#cy',
      version: 1,
    });
  });

  it('names the contact holding a taken phone', async () => {
    dynamo
      .on(TransactWriteCommand)
      .rejects(
        cancelled([
          { Code: 'None' },
          { Code: 'None' },
          { Code: 'ConditionalCheckFailed', Item: { contactId: 'other' } },
        ]),
      );
    const error = await repository.create(contact).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UniqueValueTakenError);
    expect(error).toMatchObject({ field: 'phone', existingContactId: 'other' });
  });

  it('retries a transaction that conflicted with another, then explains what it finds', async () => {
    dynamo
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled([{ Code: 'None' }, { Code: 'TransactionConflict' }, { Code: 'None' }]))
      .rejectsOnce(
        cancelled([
          { Code: 'None' },
          { Code: 'ConditionalCheckFailed', Item: { contactId: 'winner' } },
          { Code: 'None' },
        ]),
      );
    await expect(repository.create(contact)).rejects.toMatchObject({ field: 'email', existingContactId: 'winner' });
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(2);
  });

  it('succeeds when a retried transaction no longer conflicts', async () => {
    dynamo
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled([{ Code: 'TransactionConflict' }, { Code: 'None' }, { Code: 'None' }]))
      .resolves({});
    await repository.create(contact);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(2);
  });

  it('retries a transaction DynamoDB throttled (a hot index partition under a bulk import)', async () => {
    dynamo
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled([{ Code: 'ThrottlingError' }, { Code: 'None' }, { Code: 'None' }]))
      .rejectsOnce(cancelled([{ Code: 'ThrottlingError' }, { Code: 'None' }, { Code: 'None' }]))
      .resolves({});
    await repository.create(contact);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(3);
  });

  it('sends a throttled group of new contacts again, and passes on a taken claim as it is', async () => {
    dynamo
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled([{ Code: 'ThrottlingError' }, { Code: 'None' }, { Code: 'None' }]))
      .resolvesOnce({})
      .rejects(cancelled([{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }, { Code: 'None' }]));
    await repository.createMany([contact, { ...contact, id: 'c2', email: 'bob@example.org', phone: undefined }]);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(2);
    expect(dynamo.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems).toHaveLength(5);
    await expect(repository.createMany([contact])).rejects.toMatchObject({ name: 'TransactionCanceledException' });
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(3);
  });

  it('passes on errors that are not cancellations', async () => {
    dynamo.on(TransactWriteCommand).rejects(new Error('throttled'));
    await expect(repository.create(contact)).rejects.toThrow('throttled');
  });
});

describe('ContactsRepository.replace', () => {
  it('moves only the claims whose value changes, under the read version', async () => {
    dynamo.on(TransactWriteCommand).resolves({});
    await repository.replace({ contact, version: 4 }, { ...contact, email: 'new@example.org' });
    const items = dynamo.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(items).toHaveLength(3);
    expect(items[0]?.Put?.ExpressionAttributeValues).toEqual({ ':version': 4 });
    expect(items[0]?.Put?.Item?.version).toBe(5);
    expect(items[1]?.Delete).toMatchObject({
      Key: { pk: 'CONTACT_EMAIL#ann@example.org' },
      ConditionExpression: 'contactId = :id',
    });
    expect(items[2]?.Put?.Item).toMatchObject({ pk: 'CONTACT_EMAIL#new@example.org', contactId: 'c1' });
  });

  it('reports a changed contact when the version condition fails', async () => {
    dynamo.on(TransactWriteCommand).rejects(cancelled([{ Code: 'ConditionalCheckFailed' }]));
    await expect(repository.replace({ contact, version: 1 }, contact)).rejects.toBeInstanceOf(ContactChangedError);
  });
});

describe('ContactsRepository.list', () => {
  it('queries the ward index and filters tag and consent', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [] });
    await repository.list({ ward: 'Old Town', tag: 'parks', consent: 'sms' }, 10);
    const input = dynamo.commandCalls(QueryCommand)[0]?.args[0].input;
    expect(input).toMatchObject({
      IndexName: 'gsi2',
      ExpressionAttributeValues: { ':pk': 'CONTACT_WARD#old town', ':all0': 'parks', ':granted': true },
      FilterExpression: 'contains(#tags, :all0) AND #consent.#channel.#granted = :granted',
    });
    expect(input?.ExpressionAttributeNames?.['#channel']).toBe('sms');
  });

  it('queries the contacts of an import, with any-of and all-of tags as filters', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [] });
    await repository.list({ importId: 'i1', tagsAny: ['parks', 'youth'], tagsAll: ['cycling'], ward: 'Harbour' }, 10);
    const input = dynamo.commandCalls(QueryCommand)[0]?.args[0].input;
    expect(input).toMatchObject({
      IndexName: 'gsi4',
      ExpressionAttributeValues: expect.objectContaining({
        ':pk': 'CONTACT_IMPORT#i1',
        ':wardKey': 'CONTACT_WARD#harbour',
      }),
      FilterExpression:
        '#wardKey = :wardKey AND contains(#tags, :all0) AND (contains(#tags, :any0) OR contains(#tags, :any1))',
    });
  });

  it('counts through every page with the same query', async () => {
    dynamo
      .on(QueryCommand)
      .resolvesOnce({ Count: 3, LastEvaluatedKey: { pk: 'x' } })
      .resolvesOnce({ Count: 2 });
    expect(await repository.count({ consent: 'email' })).toEqual({ counted: 5 });
    expect(dynamo.commandCalls(QueryCommand)[0]?.args[0].input.Select).toBe('COUNT');
  });

  it('stops counting when time is short, saying where to go on from, and goes on from there', async () => {
    dynamo
      .on(QueryCommand)
      .resolvesOnce({ Count: 3, LastEvaluatedKey: { pk: 'x' } })
      .resolvesOnce({ Count: 2 });
    expect(await repository.count({ consent: 'email' }, { timeIsShort: () => true })).toEqual({
      counted: 3,
      resumeAfter: { pk: 'x' },
    });
    expect(await repository.count({ consent: 'email' }, { resumeAfter: { pk: 'x' } })).toEqual({ counted: 2 });
    expect(dynamo.commandCalls(QueryCommand)[1]?.args[0].input.ExclusiveStartKey).toEqual({ pk: 'x' });
  });

  it('hands out a cursor at the last item returned when DynamoDB read past the page', async () => {
    const item = (id: string) => ({
      pk: `CONTACT#${id}`,
      sk: 'CONTACT',
      gsi1pk: 'CONTACT',
      gsi1sk: id,
      ...contact,
      id,
    });
    dynamo.on(QueryCommand).resolves({ Items: [item('a'), item('b'), item('c')] });
    const page = await repository.list({}, 2);
    expect(page.items.map((c) => c.id)).toEqual(['a', 'b']);
    expect(page.nextCursor).toBe(
      await encodeCursor({ pk: 'CONTACT#b', sk: 'CONTACT', gsi1pk: 'CONTACT', gsi1sk: 'b' }),
    );
    expect(dynamo.commandCalls(QueryCommand)[0]?.args[0].input.Limit).toBe(3);
  });

  it('keeps reading filtered pages until the page is full or the read budget is spent', async () => {
    dynamo
      .on(QueryCommand)
      .resolves({ Items: [], LastEvaluatedKey: { pk: 'x', sk: 'y', gsi1pk: 'CONTACT', gsi1sk: 'z' } });
    const page = await repository.list({ tag: 'rare' }, 5, undefined, 3);
    expect(dynamo.commandCalls(QueryCommand)).toHaveLength(3);
    expect(page.items).toEqual([]);
    expect(page.nextCursor).toBeDefined();
  });

  it('refuses a cursor for another partition without querying', async () => {
    const foreign = await encodeCursor({ pk: 'CONTACT#a', sk: 'CONTACT', gsi2pk: 'CONTACT_WARD#x', gsi2sk: 'a' });
    await expect(repository.list({}, 5, foreign)).rejects.toBeInstanceOf(ValidationError);
    await expect(repository.list({}, 5, 'not base64 json')).rejects.toBeInstanceOf(ValidationError);
    expect(dynamo.commandCalls(QueryCommand)).toHaveLength(0);
  });

  it('refuses a cursor a client made or edited, unsigned or with the signature of another value', async () => {
    const shape = contactEntity.indexCursor('byKind');
    const key = Object.fromEntries(
      shape.attributes.map((name) => [name, name === shape.partitionKey ? 'CONTACT' : 'a']),
    );
    const crafted = Buffer.from(JSON.stringify(key)).toString('base64url');
    await expect(repository.list({}, 5, crafted)).rejects.toMatchObject({
      issues: [{ path: 'query.cursor', message: 'not a cursor from this listing' }],
    });
    const signed = await encodeCursor(key);
    const [, mac] = signed.split('.');
    const edited = `${Buffer.from(JSON.stringify({ ...key, sk: 'x'.repeat(2000) })).toString('base64url')}.${mac}`;
    await expect(repository.list({}, 5, edited)).rejects.toBeInstanceOf(ValidationError);
    expect(dynamo.commandCalls(QueryCommand)).toHaveLength(0);
  });
});

describe('ContactsRepository.findIdBy', () => {
  it('reads the claim item', async () => {
    dynamo.on(GetCommand).resolves({});
    dynamo
      .on(GetCommand, { Key: { pk: 'CONTACT_PHONE#+447123456789', sk: 'CLAIM' } })
      .resolves({ Item: { contactId: 'c1' } });
    expect(await repository.findIdBy('phone', '+447123456789')).toBe('c1');
    expect(await repository.findIdBy('email', 'x@example.org')).toBeUndefined();
  });
});

describe('reads that feed conditional writes', () => {
  it('reads a contact strongly consistent, with the version its write will be conditioned on', async () => {
    dynamo.on(GetCommand).resolves({ Item: { pk: 'CONTACT#c1', sk: 'CONTACT', version: 4, ...contact } });
    expect(await repository.get('c1')).toEqual({ contact, version: 4 });
    expect(dynamo.commandCalls(GetCommand)[0]?.args[0].input).toMatchObject({ ConsistentRead: true });
  });

  it('looks up who holds emails and phones strongly consistent when asked (an import), eventually otherwise', async () => {
    dynamo.on(BatchGetCommand).resolves({ Responses: { table: [] } });
    const values = [{ field: 'email' as const, value: 'ann@example.org' }];
    await repository.findIdsBy(values, { consistentRead: true });
    await repository.findIdsBy(values);
    const reads = dynamo
      .commandCalls(BatchGetCommand)
      .map((call) => call.args[0].input.RequestItems?.table?.ConsistentRead);
    expect(reads).toEqual([true, false]);
  });
});
