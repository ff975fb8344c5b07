import { describe, expect, it } from 'vitest';
import type { ContactsRepository } from '../../../shared/contacts/contacts-repository';
import type { CountInProgress, SegmentCount } from '../../../shared/segments/entities';
import type { Segment } from '../../../shared/segments/segment';
import type { SegmentsRepository } from '../../../shared/segments/segments-repository';
import { COUNT_FRESH_MS, COUNT_STALE_MS, SegmentsService } from '../../../shared/segments/segments-service';

const segment: Segment = {
  id: '0193a3c0-0000-7000-8000-0000000000aa',
  name: 'North',
  filter: { ward: 'North' },
  createdBy: 'staff',
  createdAt: '2026-06-01T00:00:00.000Z',
};

/** An in-memory count item with DynamoDB's conditions, contacts counted three pages of 1,000 at a time. */
function fixture(start: number) {
  let clock = start;
  let state: SegmentCount = { segmentId: segment.id };
  const jobs: { since: string; part: number }[] = [];
  const isCurrent = (done: CountInProgress) =>
    state.counting?.since === done.since && state.counting.part === done.part;
  const segments = {
    get: async () => segment,
    count: async () => structuredClone(state),
    claimCount: async (_: string, since: string, staleBefore: string) => {
      if (state.counting && state.counting.updatedAt >= staleBefore) return false;
      state = { ...state, counting: { since, part: 0, partial: 0, updatedAt: since } };
      return true;
    },
    saveCountProgress: async (_: string, done: CountInProgress, next: CountInProgress) => {
      if (!isCurrent(done)) return false;
      state = { ...state, counting: next };
      return true;
    },
    finishCount: async (_: string, done: CountInProgress, contacts: number) => {
      if (!isCurrent(done)) return false;
      state = { segmentId: segment.id, contacts, countedAt: done.since };
      return true;
    },
  } as unknown as SegmentsRepository;
  const contacts = {
    count: async (_: unknown, options: { resumeAfter?: { page: number }; timeIsShort: () => boolean }) => {
      let page = options.resumeAfter?.page ?? 0;
      let counted = 0;
      do {
        counted += 1000;
        page++;
      } while (page < 3 && !options.timeIsShort());
      return { counted, ...(page < 3 && { resumeAfter: { page } }) };
    },
  } as unknown as ContactsRepository;
  const service = new SegmentsService(
    segments,
    contacts,
    async (_, since, part) => {
      jobs.push({ since, part });
    },
    () => new Date(clock),
  );
  return { service, jobs, tick: (ms: number) => (clock += ms), state: () => state };
}

describe('segment counts in the background', () => {
  it('are never counted in the request: the first read starts a count, parts hand on, the result keeps its time', async () => {
    const { service, jobs, tick } = fixture(Date.parse('2026-06-01T10:00:00Z'));
    expect(await service.get(segment.id)).toMatchObject({ count: null, countedAt: null, counting: true });
    expect(jobs).toEqual([{ since: '2026-06-01T10:00:00.000Z', part: 0 }]);
    // Each part runs out of time after one page and hands on to the next.
    for (let part = 0; part < 3; part++)
      expect(
        await service.countPart(
          { segmentId: segment.id, ...(jobs[part] as { since: string; part: number }) },
          () => true,
        ),
      ).toBe(part < 2 ? 'continued' : 'counted');
    tick(1000);
    expect(await service.get(segment.id)).toMatchObject({
      count: 3000,
      countedAt: '2026-06-01T10:00:00.000Z',
      counting: false,
    });
    expect(jobs).toHaveLength(3);
  });

  it('ignore a part delivered twice, so nothing is counted twice', async () => {
    const { service, jobs, state } = fixture(Date.parse('2026-06-01T10:00:00Z'));
    await service.get(segment.id);
    const first = { segmentId: segment.id, ...(jobs[0] as { since: string; part: number }) };
    expect(await service.countPart(first, () => true)).toBe('continued');
    expect(await service.countPart(first, () => true)).toBe('stale');
    expect(state().counting).toMatchObject({ part: 1, partial: 1000 });
  });

  it('start again once the last count is old, or when asked, and take over a count that stalled', async () => {
    const { service, jobs, tick } = fixture(Date.parse('2026-06-01T10:00:00Z'));
    await service.get(segment.id);
    await service.countPart({ segmentId: segment.id, ...(jobs[0] as { since: string; part: number }) }, () => false);
    expect((await service.get(segment.id)).counting).toBe(false);
    expect((await service.get(segment.id, { recount: true })).counting).toBe(true);
    expect(jobs).toHaveLength(2);
    // That count's invocations all failed: while it is not stale, no other starts; then one does.
    tick(COUNT_STALE_MS - 1000);
    await service.get(segment.id);
    expect(jobs).toHaveLength(2);
    tick(COUNT_FRESH_MS);
    expect((await service.get(segment.id)).counting).toBe(true);
    expect(jobs).toHaveLength(3);
  });
});
