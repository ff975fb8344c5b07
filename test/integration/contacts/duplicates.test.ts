import { describe, expect, it } from 'vitest';
import { IMPORT_TEST_MS } from '../../support/eventually';
import { call, everyItem, uniqueEmail, uniqueMobile } from '../api-client';
import { importFile } from '../imports-client';

const byEmail = async (email: string) =>
  (await call('GET', `/contacts?email=${encodeURIComponent(email)}`, { role: 'viewer' })).body.items[0];

/** Two people sharing a mobile, as a couple or a household does: never merged, offered for review. */
describe('the possible-duplicates review', { timeout: IMPORT_TEST_MS }, () => {
  async function sharedPhoneImport() {
    const [first, second, third] = [uniqueEmail('first'), uniqueEmail('second'), uniqueEmail('third')];
    const mobile = uniqueMobile();
    const csv = `Email,Mobile,Tags\n${first},${mobile},parks\n${second},${mobile},libraries\n${third},,\n`;
    const done = await importFile(Buffer.from(csv));
    return { first, second, mobile, done };
  }
  const pairOf = async (contactId: string) =>
    (await everyItem('/contact-duplicates', 'viewer')).find((pair) =>
      pair.contacts.some((contact: { id: string }) => contact.id === contactId),
    );

  it('makes a record whose mobile another contact with another email holds a contact of its own, without it, and offers both', async () => {
    const { first, second, mobile, done } = await sharedPhoneImport();
    expect(done.summary).toMatchObject({ created: 3, duplicate_records: 0, warnings: { phone_held_by_other: 1 } });
    const [a, b] = [await byEmail(first), await byEmail(second)];
    expect(a).toMatchObject({ phone: mobile, tags: ['parks'] });
    expect(b.phone).toBeUndefined();
    expect(b.tags).toEqual(['libraries']);
    const pair = await pairOf(b.id);
    expect(pair).toMatchObject({
      reason: 'shared_phone',
      sharedPhone: mobile,
      foundBy: { importId: done.id, record: 2 },
    });
    expect(pair.contacts.map((contact: { id: string }) => contact.id).sort()).toEqual([a.id, b.id].sort());
  });

  it('merges a pair on a manager’s word: one contact with both emails, both tags, recording who merged', async () => {
    const { first, second, mobile } = await sharedPhoneImport();
    const [a, b] = [await byEmail(first), await byEmail(second)];
    const pair = await pairOf(a.id);
    expect(
      (await call('POST', `/contact-duplicates/${pair.id}/merge`, { role: 'staff', json: { keep: a.id } })).status,
    ).toBe(403);
    const merged = await call('POST', `/contact-duplicates/${pair.id}/merge`, {
      role: 'manager',
      json: { keep: a.id },
    });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(merged.body).toMatchObject({ id: a.id, email: first, phone: mobile, otherEmails: [second] });
    expect([...merged.body.tags].sort()).toEqual(['libraries', 'parks']);
    expect(merged.body.mergedFrom).toEqual([{ contactId: b.id, by: expect.any(String), at: expect.any(String) }]);
    expect((await call('GET', `/contacts/${b.id}`, { role: 'viewer' })).status).toBe(404);
    // The other email still finds the person, and an import of it merges into them.
    expect((await byEmail(second)).id).toBe(a.id);
    const again = await importFile(Buffer.from(`Email,First Name\n${second},Bea\n`), 'fill');
    expect(again.summary).toMatchObject({ created: 0, updated: 1 });
    expect(await pairOf(a.id)).toBeUndefined();
    expect(
      (await call('POST', `/contact-duplicates/${pair.id}/merge`, { role: 'manager', json: { keep: a.id } })).status,
    ).toBe(409);
  });

  it('marks a pair distinct on staff’s word: it leaves the review, and importing the file again does not raise it', async () => {
    const { first, second, mobile } = await sharedPhoneImport();
    const a = await byEmail(first);
    const pair = await pairOf(a.id);
    expect((await call('POST', `/contact-duplicates/${pair.id}/distinct`, { role: 'staff' })).status).toBe(204);
    expect(await pairOf(a.id)).toBeUndefined();
    const again = await importFile(Buffer.from(`Email,Mobile\n${second},${mobile}\n`), 'update');
    // The second person is found by their email; the mobile stays with the first (a channel conflict).
    expect(again.summary).toMatchObject({ created: 0, warnings: { channel_conflict: 1 } });
    expect(await pairOf(a.id)).toBeUndefined();
    expect((await call('POST', `/contact-duplicates/${pair.id}/distinct`, { role: 'staff' })).status).toBe(409);
    expect((await call('POST', '/contact-duplicates/not-a-pair/distinct', { role: 'staff' })).status).toBe(400);
  });
});
