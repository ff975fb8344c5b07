import { v7 as uuidv7 } from 'uuid';
import type { ContactPage } from '../contacts/contact';
import { normaliseLanguage, normaliseTags } from '../contacts/contact';
import type { ContactFilter, ContactsRepository } from '../contacts/contacts-repository';
import { NotFoundError, ValidationError } from '../core/errors';
import type { Segment, SegmentFilter, SegmentWithCount } from './segment';
import type { SegmentsRepository } from './segments-repository';

/** A finished count younger than this is served as it is; an older one is served while a new count runs. */
export const COUNT_FRESH_MS = 5 * 60_000;
/** A running count that has not moved for this long is taken over by the next one asked for. */
export const COUNT_STALE_MS = 2 * 60_000;

/** Starts a part of a background count: writes the job object the count trigger runs on. */
export type CountJobStarter = (segmentId: string, since: string, part: number) => Promise<void>;

export class SegmentsService {
  constructor(
    private readonly segments: SegmentsRepository,
    private readonly contacts: ContactsRepository,
    private readonly startCountJob: CountJobStarter,
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
    await this.startCount(segment.id);
    return segment;
  }

  /**
   * The segment with its last count and when that count was taken. Counting reads every member, so it never
   * runs in a request: a count older than COUNT_FRESH_MS (or none yet) starts one in the background, and the
   * answer says that one is running. `recount` starts one whatever the age of the last.
   */
  async get(id: string, options: { recount?: boolean } = {}): Promise<SegmentWithCount> {
    const segment = await this.read(id);
    const state = await this.segments.count(id);
    const now = this.now().getTime();
    const running = state.counting !== undefined && now - Date.parse(state.counting.updatedAt) < COUNT_STALE_MS;
    const fresh =
      !options.recount && state.countedAt !== undefined && now - Date.parse(state.countedAt) < COUNT_FRESH_MS;
    if (!running && !fresh) await this.startCount(id);
    return {
      ...segment,
      count: state.contacts ?? null,
      countedAt: state.countedAt ?? null,
      counting: running || !fresh,
    };
  }

  /**
   * One part of a background count: counts on from where the last part stopped until the end, or until time is
   * short, then hands on to the next part. A part that is not the count's current one (delivered twice, or
   * replaced by a newer count) does nothing.
   */
  async countPart(
    job: { segmentId: string; since: string; part: number },
    timeIsShort: () => boolean,
  ): Promise<'counted' | 'continued' | 'stale'> {
    const segment = await this.segments.get(job.segmentId);
    const state = await this.segments.count(job.segmentId);
    const current = state.counting;
    if (!segment || !current || current.since !== job.since || current.part !== job.part) return 'stale';
    const { counted, resumeAfter } = await this.contacts.count(contactFilter(segment.filter), {
      ...(current.resumeAfter && { resumeAfter: current.resumeAfter }),
      timeIsShort,
    });
    const partial = current.partial + counted;
    if (!resumeAfter) return (await this.segments.finishCount(job.segmentId, current, partial)) ? 'counted' : 'stale';
    const next = {
      since: current.since,
      part: current.part + 1,
      partial,
      resumeAfter,
      updatedAt: this.now().toISOString(),
    };
    if (!(await this.segments.saveCountProgress(job.segmentId, current, next))) return 'stale';
    await this.startCountJob(job.segmentId, next.since, next.part);
    return 'continued';
  }

  /** Starts a background count, unless one is running already (another request just started it). */
  private async startCount(id: string): Promise<void> {
    const now = this.now();
    const since = now.toISOString();
    const staleBefore = new Date(now.getTime() - COUNT_STALE_MS).toISOString();
    if (await this.segments.claimCount(id, since, staleBefore)) await this.startCountJob(id, since, 0);
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
