import { v7 as uuidv7 } from 'uuid';
import type { ContactPage } from '../contacts/contact';
import { normaliseLanguage, normaliseTags } from '../contacts/contact';
import type { ContactFilter, ContactsRepository } from '../contacts/contacts-repository';
import { NotFoundError, ValidationError } from '../core/errors';
import type { Segment, SegmentFilter } from './segment';
import type { SegmentsRepository } from './segments-repository';

export class SegmentsService {
  constructor(
    private readonly segments: SegmentsRepository,
    private readonly contacts: ContactsRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Saves a segment; its conditions are normalised like stored contact values, so they compare equal. */
  async create(createdBy: string, body: Pick<Segment, 'name' | 'description' | 'filter'>): Promise<Segment> {
    const segment: Segment = {
      ...body,
      filter: normaliseFilter(body.filter),
      id: uuidv7(),
      createdBy,
      createdAt: this.now().toISOString(),
    };
    await this.segments.create(segment);
    return segment;
  }

  async get(id: string): Promise<Segment & { count: number }> {
    const segment = await this.read(id);
    return { ...segment, count: await this.contacts.count(contactFilter(segment.filter)) };
  }

  /** Segments by name, a page at a time (without counts: GET /segments/{id} counts one). */
  list(limit: number, cursor?: string): Promise<{ items: Segment[]; nextCursor?: string }> {
    return this.segments.list(limit, cursor);
  }

  async members(id: string, limit: number, cursor?: string): Promise<ContactPage> {
    const segment = await this.read(id);
    return this.contacts.list(contactFilter(segment.filter), limit, cursor);
  }

  async delete(id: string): Promise<void> {
    if (!(await this.segments.delete(id))) throw new NotFoundError(`No segment with id ${id}.`);
  }

  private async read(id: string): Promise<Segment> {
    const segment = await this.segments.get(id);
    if (!segment) throw new NotFoundError(`No segment with id ${id}.`);
    return segment;
  }
}

function normaliseFilter(filter: SegmentFilter): SegmentFilter {
  const normalised: SegmentFilter = { ...filter };
  if (filter.tagsAny) normalised.tagsAny = normaliseTags(filter.tagsAny);
  if (filter.tagsAll) normalised.tagsAll = normaliseTags(filter.tagsAll);
  if (filter.language !== undefined) {
    const language = normaliseLanguage(filter.language);
    if (!language)
      throw new ValidationError([
        { path: 'body.filter.language', message: 'expected a language code such as en or pt-BR' },
      ]);
    normalised.language = language;
  }
  return normalised;
}

const contactFilter = (filter: SegmentFilter): ContactFilter => ({ ...filter });
