import { v7 as uuidv7 } from 'uuid';
import { ConflictError, NotFoundError, ValidationError } from '../core/errors';
import { type RetryPolicy, retrying } from '../core/retry';
import {
  type Contact,
  type ContactPage,
  type CreateContactBody,
  contactAfterUpdate,
  contactFromCreate,
  normaliseEmail,
  normaliseLanguage,
  normalisePhone,
  normaliseTags,
  type UpdateContactBody,
} from './contact';
import {
  ContactChangedError,
  type ContactFilter,
  type ContactsRepository,
  UniqueValueTakenError,
} from './contacts-repository';

export interface ContactsServiceOptions {
  defaultCountry: string;
  now?: () => Date;
  newId?: () => string;
}

export type ContactQuery = ContactFilter & { email?: string; phone?: string; limit: number; cursor?: string };

/** A concurrent edit between our read and our write is retried this many times before answering 409. */
const WRITE_RETRIES: RetryPolicy = { attempts: 3 };
const isContactChanged = (error: unknown) => error instanceof ContactChangedError;

export class ContactsService {
  private readonly now: () => Date;
  private readonly newId: () => string;

  constructor(
    private readonly repository: ContactsRepository,
    private readonly options: ContactsServiceOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? uuidv7;
  }

  async create(body: CreateContactBody): Promise<Contact> {
    const now = this.now().toISOString();
    const outcome = contactFromCreate(body, { defaultCountry: this.options.defaultCountry, now });
    if (!outcome.ok) throw new ValidationError(outcome.issues);
    const contact: Contact = { id: this.newId(), ...outcome.draft, createdAt: now, updatedAt: now };
    return this.repository.create(contact).catch(explainConflict);
  }

  async get(id: string): Promise<Contact> {
    return (await this.read(id)).contact;
  }

  /** Reads, changes and writes the contact; a change by another request meanwhile makes it read again. */
  async update(id: string, body: UpdateContactBody): Promise<Contact> {
    return retrying(WRITE_RETRIES, isContactChanged, async () => {
      const stored = await this.read(id);
      const now = this.now().toISOString();
      const outcome = contactAfterUpdate(stored.contact, body, { defaultCountry: this.options.defaultCountry, now });
      if (!outcome.ok) throw new ValidationError(outcome.issues);
      const next: Contact = { id, ...outcome.draft, createdAt: stored.contact.createdAt, updatedAt: now };
      return this.repository.replace(stored, next);
    }).catch(explainConflict);
  }

  async delete(id: string): Promise<void> {
    return retrying(WRITE_RETRIES, isContactChanged, async () => this.repository.delete(await this.read(id))).catch(
      explainConflict,
    );
  }

  async list(query: ContactQuery): Promise<ContactPage> {
    const { email, phone, limit, cursor, ...filter } = query;
    if (email === undefined && phone === undefined)
      return this.repository.list(this.normaliseFilter(filter), limit, cursor);
    const issues = [];
    if (email !== undefined && phone !== undefined)
      issues.push({ path: 'query', message: 'look up by email or by phone, not both' });
    const others = Object.entries({ ...filter, cursor }).filter(([, value]) => value !== undefined);
    for (const [key] of others)
      issues.push({ path: `query.${key}`, message: 'cannot be combined with a look-up by email or phone' });
    const field = email !== undefined ? 'email' : 'phone';
    const normalised =
      email !== undefined ? normaliseEmail(email) : normalisePhone(phone ?? '', this.options.defaultCountry);
    if (normalised === undefined) issues.push({ path: `query.${field}`, message: `expected a valid ${field}` });
    if (issues.length > 0 || normalised === undefined) throw new ValidationError(issues);
    const id = await this.repository.findIdBy(field, normalised);
    const found = id === undefined ? undefined : await this.repository.get(id);
    return { items: found ? [found.contact] : [] };
  }

  /** Filters compare with stored values, so they are normalised by the same rules. */
  private normaliseFilter(filter: ContactFilter): ContactFilter {
    const normalised: ContactFilter = { ...filter };
    if (filter.tag !== undefined) normalised.tag = normaliseTags([filter.tag])[0];
    if (filter.language !== undefined) {
      normalised.language = normaliseLanguage(filter.language);
      if (normalised.language === undefined)
        throw new ValidationError([
          { path: 'query.language', message: 'expected a language code such as en or pt-BR' },
        ]);
    }
    return normalised;
  }

  private async read(id: string) {
    const stored = await this.repository.get(id);
    if (!stored) throw new NotFoundError(`No contact with id ${id}.`);
    return stored;
  }
}

function explainConflict(error: unknown): never {
  if (error instanceof UniqueValueTakenError)
    throw new ConflictError(`Another contact already has this ${error.field}.`, {
      field: error.field,
      existingContactId: error.existingContactId,
    });
  if (error instanceof ContactChangedError)
    throw new ConflictError('The contact was changed by another request at the same time; try again.');
  throw error;
}
