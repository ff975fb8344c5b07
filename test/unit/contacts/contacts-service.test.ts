import { describe, expect, it, vi } from 'vitest';
import {
  ContactChangedError,
  type ContactsRepository,
  UniqueValueTakenError,
} from '../../../shared/contacts/contacts-repository';
import { ContactsService } from '../../../shared/contacts/contacts-service';
import { ConflictError, ValidationError } from '../../../shared/core/errors';

const stored = {
  contact: {
    id: 'c1',
    email: 'a@example.org',
    tags: [],
    consent: {},
    attributes: {},
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  },
  version: 1,
};

function serviceWith(repository: Partial<ContactsRepository>) {
  return new ContactsService(repository as ContactsRepository, {
    defaultCountry: 'GB',
    now: () => new Date('2026-11-24T12:00:00.000Z'),
    newId: () => 'new-id',
  });
}

describe('ContactsService', () => {
  it('creates with a fresh id and timestamps', async () => {
    // The repository answers with the contact as written (with its consent history).
    const create = vi.fn(async (written) => written);
    const contact = await serviceWith({ create }).create({ email: 'B@Example.org' });
    expect(contact).toMatchObject({ id: 'new-id', email: 'b@example.org', createdAt: '2026-11-24T12:00:00.000Z' });
    expect(create).toHaveBeenCalledWith(contact);
  });

  it('turns a taken value into a 409 that names the holder', async () => {
    const create = vi.fn().mockRejectedValue(new UniqueValueTakenError('email', 'holder'));
    const error = await serviceWith({ create })
      .create({ email: 'b@example.org' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).toBody()).toMatchObject({ error: { field: 'email', existingContactId: 'holder' } });
  });

  it('re-reads and retries an update that raced another writer', async () => {
    const get = vi.fn().mockResolvedValue(stored);
    const replace = vi
      .fn()
      .mockRejectedValueOnce(new ContactChangedError())
      .mockImplementationOnce(async (_, next) => next);
    const updated = await serviceWith({ get, replace }).update('c1', { ward: 'Harbour' });
    expect(updated.ward).toBe('Harbour');
    expect(get).toHaveBeenCalledTimes(2);
    expect(replace).toHaveBeenCalledTimes(2);
  });

  it('gives up with 409 after repeated races', async () => {
    const get = vi.fn().mockResolvedValue(stored);
    const replace = vi.fn().mockRejectedValue(new ContactChangedError());
    await expect(serviceWith({ get, replace }).update('c1', { ward: 'x' })).rejects.toBeInstanceOf(ConflictError);
    expect(replace).toHaveBeenCalledTimes(3);
  });

  it('normalises filters like stored values and validates look-ups', async () => {
    const list = vi.fn().mockResolvedValue({ items: [] });
    const service = serviceWith({ list });
    await service.list({ tag: ' Older  People ', language: 'PT-br', limit: 10 });
    expect(list).toHaveBeenCalledWith({ tag: 'older people', language: 'pt-BR' }, 10, undefined);
    await expect(service.list({ email: 'nope', limit: 10 })).rejects.toBeInstanceOf(ValidationError);
    await expect(service.list({ email: 'a@b.org', phone: '07123456789', limit: 10 })).rejects.toThrow(/not both/);
  });
});
