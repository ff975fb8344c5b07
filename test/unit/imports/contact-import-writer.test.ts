import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it, vi } from 'vitest';
import type { ContactsRepository } from '../../../shared/contacts/contacts-repository';
import { ContactImportWriter } from '../../../shared/imports/contact-import-writer';
import type { ImportedPerson } from '../../../shared/imports/import-record';

const cancelled = (code: string) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: [{ Code: code }, { Code: 'None' }, { Code: 'None' }],
  });

/** A repository where no one holds anything yet, whose group transactions fail as told. */
function repository(groupFailures: Error[]) {
  return {
    findIdsBy: vi.fn(async () => new Map<string, string>()),
    createMany: vi.fn(async () => {
      const failure = groupFailures.shift();
      if (failure) throw failure;
    }),
    create: vi.fn(async () => undefined),
  };
}

const writerOver = (contacts: ReturnType<typeof repository>) =>
  new ContactImportWriter(contacts as unknown as ContactsRepository, 'import', {
    mode: 'create',
    addTags: [],
    consentSource: 'test',
  });

const people = (count: number) =>
  Array.from({ length: count }, (_, i): { person: ImportedPerson; record: number } => ({
    person: { email: `p${i}@example.org`, tags: [], attributes: {} },
    record: i + 1,
  }));

describe('ContactImportWriter.writeBatch', () => {
  it('writes a group one at a time when one of its claims is taken', async () => {
    const contacts = repository([cancelled('ConditionalCheckFailed')]);
    const outcomes = await writerOver(contacts).writeBatch(people(5), 4);
    expect(outcomes.map((outcome) => outcome.kind)).toEqual(Array(5).fill('created'));
    expect(contacts.createMany).toHaveBeenCalledTimes(1);
    expect(contacts.create).toHaveBeenCalledTimes(5);
  });
});
