import { describe, expect, it } from 'vitest';
import { eventually } from '../../support/eventually';
import { call, everyItem, uniqueEmail } from '../api-client';
import { importFile } from '../imports-client';

const run = Date.now().toString(36);

async function seed(ward: string) {
  const specs = [
    { tags: ['cycling', 'parks'], consent: { email: { granted: true, source: 'web' } } },
    { tags: ['parks'], language: 'cy' },
    { tags: ['youth'], consent: { email: { granted: false, source: 'web' } } },
    { tags: ['cycling'], language: 'cy', consent: { email: { granted: true, source: 'web' } } },
    { tags: [] },
  ];
  const ids: string[] = [];
  for (const spec of specs)
    ids.push(
      (await call('POST', '/contacts', { role: 'staff', json: { email: uniqueEmail(), ward, ...spec } })).body.id,
    );
  return ids;
}

const segment = async (filter: Record<string, unknown>) => {
  const created = await call('POST', '/segments', { role: 'staff', json: { name: `Segment ${run}`, filter } });
  expect(created.status).toBe(201);
  return created.body.id as string;
};

/** The segment once its background count has finished (a recount first, when asked). */
const counted = async (id: string, recount = false) => {
  if (recount) expect((await call('GET', `/segments/${id}?recount=true`, { role: 'viewer' })).body.counting).toBe(true);
  const read = await eventually(
    `segment ${id} counted`,
    () => call('GET', `/segments/${id}`, { role: 'viewer' }),
    (response) => response.status === 200 && !response.body.counting && response.body.countedAt !== null,
  );
  return read.body as { count: number; countedAt: string; counting: boolean };
};

const members = async (id: string, limit = 2) => {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await call('GET', `/segments/${id}/members?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, {
      role: 'viewer',
    });
    expect(page.status).toBe(200);
    ids.push(...page.body.items.map((item: { id: string }) => item.id));
    cursor = page.body.nextCursor;
  } while (cursor);
  return ids;
};

describe('segments', () => {
  it('count and list their members live: tags any and all, ward, language and consent combined', async () => {
    const ward = `Segment Ward ${run}`;
    const [a, b, c, d] = await seed(ward);
    const cases: [Record<string, unknown>, (string | undefined)[]][] = [
      [{ ward }, [a, b, c, d, expect.any(String) as never]],
      [{ ward, tagsAny: ['Parks', 'youth'] }, [a, b, c]],
      [{ ward, tagsAll: ['cycling', 'parks'] }, [a]],
      [{ ward, consent: 'email' }, [a, d]],
      [{ ward, language: 'CY', tagsAny: ['cycling'] }, [d]],
    ];
    for (const [filter, expected] of cases) {
      const id = await segment(filter);
      expect((await counted(id)).count, JSON.stringify(filter)).toBe(expected.length);
      expect(await members(id), JSON.stringify(filter)).toEqual(expected);
    }
    // A new contact that fits is in the next count, which staff can ask for at once.
    const id = await segment({ ward, tagsAll: ['cycling', 'parks'] });
    const before = await counted(id);
    expect(before.count).toBe(1);
    await call('POST', '/contacts', {
      role: 'staff',
      json: { email: uniqueEmail(), ward, tags: ['parks', 'cycling'] },
    });
    expect((await call('GET', `/segments/${id}`, { role: 'viewer' })).body).toMatchObject({
      count: 1,
      counting: false,
    });
    const after = await counted(id, true);
    expect(after.count).toBe(2);
    expect(after.countedAt > before.countedAt).toBe(true);
  });

  it('select the contacts an import created', async () => {
    const emails = [uniqueEmail(), uniqueEmail(), uniqueEmail()];
    const done = await importFile(
      Buffer.from(`Email,Topics\n${emails[0]},parks\n${emails[1]},youth\n${emails[2]},parks\n`),
    );
    const id = await segment({ importId: done.id, tagsAny: ['parks'] });
    expect((await counted(id)).count).toBe(2);
    await call('POST', `/imports/${done.id}/undo`, { role: 'manager' });
    expect((await counted(id, true)).count).toBe(0);
  });

  it('are listed, deleted by a manager, and refuse unknown conditions', async () => {
    const id = await segment({ consent: 'sms' });
    expect((await everyItem<{ id: string }>('/segments', 'viewer')).map((s) => s.id)).toContain(id);
    // Pages of two, each with the cursor to the next, and every segment once.
    const first = await call('GET', '/segments?limit=2', { role: 'viewer' });
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await call('GET', `/segments?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`, {
      role: 'viewer',
    });
    expect(second.body.items[0].id).not.toBe(first.body.items[1].id);
    expect((await call('DELETE', `/segments/${id}`, { role: 'staff' })).status).toBe(403);
    expect((await call('DELETE', `/segments/${id}`, { role: 'manager' })).status).toBe(204);
    expect((await call('GET', `/segments/${id}`, { role: 'viewer' })).status).toBe(404);
    const bad = await call('POST', '/segments', {
      role: 'staff',
      json: { name: 'x', filter: { shoeSize: 9, consent: 'fax' } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((issue: { path: string }) => issue.path).sort()).toEqual([
      'body.filter.consent',
      'body.filter.shoeSize',
    ]);
  });
});
