import { describe, expect, it } from 'vitest';
import { call, uniqueEmail, uniqueMobile } from '../api-client';

const national = (e164: string) => `0${e164.slice(3, 7)} ${e164.slice(7)}`;

describe('contacts through the local API', () => {
  it('creates a contact with normalised email, phone, tags and language, and reads it back', async () => {
    const email = uniqueEmail('Zoe');
    const phone = uniqueMobile();
    const created = await call('POST', '/contacts', {
      role: 'staff',
      json: {
        firstName: 'Zoë',
        lastName: "O'Connor-Müller",
        email: `  ${email.toUpperCase()} `,
        phone: national(phone),
        tags: ['Parks', ' parks', 'Older  People'],
        language: 'PT-br',
        ward: 'Riverside',
        consent: { email: { granted: true, source: 'web form' } },
        attributes: { householdSize: 3 },
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      firstName: 'Zoë',
      lastName: "O'Connor-Müller",
      email: email.toLowerCase(),
      phone,
      tags: ['parks', 'older people'],
      language: 'pt-BR',
      consent: { email: { granted: true, source: 'web form' } },
      attributes: { householdSize: 3 },
    });
    expect(created.body.consent.email.timestamp).toBe(created.body.createdAt);

    const read = await call('GET', `/contacts/${created.body.id}`, { role: 'viewer' });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
  });

  it('looks a contact up by exact email or phone, however they are written', async () => {
    const email = uniqueEmail();
    const phone = uniqueMobile();
    const { body: contact } = await call('POST', '/contacts', { role: 'staff', json: { email, phone } });

    const byEmail = await call('GET', `/contacts?email=${encodeURIComponent(` ${email.toUpperCase()}`)}`, {
      role: 'viewer',
    });
    expect(byEmail.body.items.map((c: { id: string }) => c.id)).toEqual([contact.id]);
    const byPhone = await call('GET', `/contacts?phone=${encodeURIComponent(national(phone))}`, { role: 'viewer' });
    expect(byPhone.body.items.map((c: { id: string }) => c.id)).toEqual([contact.id]);
    const nobody = await call('GET', `/contacts?email=${encodeURIComponent(uniqueEmail())}`, { role: 'viewer' });
    expect(nobody.body.items).toEqual([]);
  });

  it('patches fields, clears with null, and moves uniqueness with the change', async () => {
    const oldEmail = uniqueEmail();
    const phone = uniqueMobile();
    const { body: contact } = await call('POST', '/contacts', {
      role: 'staff',
      json: { email: oldEmail, phone, ward: 'Central', attributes: { a: 1, b: 'x' } },
    });
    const newEmail = uniqueEmail();
    const patched = await call('PATCH', `/contacts/${contact.id}`, {
      role: 'staff',
      json: { email: newEmail, phone: null, ward: 'Harbour', attributes: { a: null, c: true } },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      id: contact.id,
      email: newEmail,
      ward: 'Harbour',
      attributes: { b: 'x', c: true },
    });
    expect(patched.body).not.toHaveProperty('phone');
    expect(patched.body.createdAt).toBe(contact.createdAt);
    expect(patched.body.updatedAt >= contact.updatedAt).toBe(true);

    // The old email and the cleared phone are free again; the new email is taken.
    expect((await call('POST', '/contacts', { role: 'staff', json: { email: oldEmail, phone } })).status).toBe(201);
    const taken = await call('POST', '/contacts', { role: 'staff', json: { email: newEmail } });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({ field: 'email', existingContactId: contact.id });
  });

  it('refuses an update that would take another contact’s email or phone, naming the holder', async () => {
    const first = await call('POST', '/contacts', {
      role: 'staff',
      json: { email: uniqueEmail(), phone: uniqueMobile() },
    });
    const second = await call('POST', '/contacts', { role: 'staff', json: { email: uniqueEmail() } });
    const clash = await call('PATCH', `/contacts/${second.body.id}`, {
      role: 'staff',
      json: { phone: first.body.phone },
    });
    expect(clash.status).toBe(409);
    expect(clash.body.error).toMatchObject({ field: 'phone', existingContactId: first.body.id });
    // Nothing was half-written: the second contact is unchanged.
    expect((await call('GET', `/contacts/${second.body.id}`, { role: 'viewer' })).body).toEqual(second.body);
  });

  it('deletes a contact and frees its email and phone', async () => {
    const email = uniqueEmail();
    const phone = uniqueMobile();
    const { body: contact } = await call('POST', '/contacts', { role: 'staff', json: { email, phone } });
    expect((await call('DELETE', `/contacts/${contact.id}`, { role: 'manager' })).status).toBe(204);
    expect((await call('GET', `/contacts/${contact.id}`, { role: 'viewer' })).status).toBe(404);
    expect((await call('DELETE', `/contacts/${contact.id}`, { role: 'manager' })).status).toBe(404);
    expect((await call('POST', '/contacts', { role: 'staff', json: { email, phone } })).status).toBe(201);
  });

  it('holds uniqueness under parallel creates: exactly one wins, the rest name it', async () => {
    const email = uniqueEmail('race');
    const attempts = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call('POST', '/contacts', { role: 'staff', json: { email, firstName: `Attempt ${i}` } }),
      ),
    );
    const winners = attempts.filter((response) => response.status === 201);
    const losers = attempts.filter((response) => response.status === 409);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(19);
    for (const loser of losers) expect(loser.body.error.existingContactId).toBe(winners[0]?.body.id);
    const found = await call('GET', `/contacts?email=${encodeURIComponent(email)}`, { role: 'viewer' });
    expect(found.body.items).toHaveLength(1);
  });

  it('holds uniqueness when parallel updates race for the same phone', async () => {
    const phone = uniqueMobile();
    const contacts = await Promise.all(
      Array.from({ length: 8 }, () => call('POST', '/contacts', { role: 'staff', json: { email: uniqueEmail() } })),
    );
    const results = await Promise.all(
      contacts.map(({ body }) => call('PATCH', `/contacts/${body.id}`, { role: 'staff', json: { phone } })),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(7);
  });
});

describe('listing contacts', () => {
  let wards = 0;
  const newWard = () => `Ward ${Date.now()}-${++wards}`;
  const seed = async (ward: string) => {
    const specs = [
      { tags: ['cycling'], language: 'cy', consent: { sms: { granted: true, source: 'paper' } } },
      { tags: ['cycling', 'parks'], language: 'en', consent: { email: { granted: true, source: 'web' } } },
      { tags: ['parks'], language: 'cy', consent: { email: { granted: false, source: 'web' } } },
      { tags: [], language: 'cy' },
      { tags: ['cycling'], language: 'en' },
    ];
    const created = [];
    for (const spec of specs)
      created.push(
        (await call('POST', '/contacts', { role: 'staff', json: { email: uniqueEmail(), ward, ...spec } })).body,
      );
    return created;
  };

  it('filters by ward, tag, language and consent, alone and combined', async () => {
    const ward = newWard();
    const [a, b, c, d, e] = await seed(ward);
    const ids = async (query: string) =>
      (await call('GET', `/contacts?ward=${encodeURIComponent(ward)}${query}`, { role: 'viewer' })).body.items.map(
        (item: { id: string }) => item.id,
      );
    expect(await ids('')).toEqual([a.id, b.id, c.id, d.id, e.id]);
    expect(await ids('&tag=Cycling')).toEqual([a.id, b.id, e.id]);
    expect(await ids('&language=cy')).toEqual([a.id, c.id, d.id]);
    expect(await ids('&consent=email')).toEqual([b.id]);
    expect(await ids('&consent=sms&tag=cycling&language=cy')).toEqual([a.id]);
    // ward matching ignores case
    const lower = await call('GET', `/contacts?ward=${encodeURIComponent(ward.toLowerCase())}`, { role: 'viewer' });
    expect(lower.body.items).toHaveLength(5);
  });

  it('pages with a cursor until every contact has been seen once', async () => {
    const ward = newWard();
    const created = [...(await seed(ward)), ...(await seed(ward))];
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const query = `ward=${encodeURIComponent(ward)}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await call('GET', `/contacts?${query}`, { role: 'viewer' });
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((item: { id: string }) => item.id));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    expect(seen).toEqual(created.map((contact) => contact.id));
    expect(pages).toBe(5);
  });

  it('pages a filtered listing without losing or repeating matches', async () => {
    const ward = newWard();
    await seed(ward);
    await seed(ward);
    const all = (
      await call('GET', `/contacts?ward=${encodeURIComponent(ward)}&tag=cycling&limit=100`, { role: 'viewer' })
    ).body.items;
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await call(
        'GET',
        `/contacts?ward=${encodeURIComponent(ward)}&tag=cycling&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        { role: 'viewer' },
      );
      paged.push(...page.body.items.map((item: { id: string }) => item.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(all).toHaveLength(6);
    expect(paged).toEqual(all.map((item: { id: string }) => item.id));
  });

  it('refuses a cursor from another listing', async () => {
    const ward = newWard();
    await seed(ward);
    const first = await call('GET', `/contacts?ward=${encodeURIComponent(ward)}&limit=1`, { role: 'viewer' });
    const reused = await call('GET', `/contacts?limit=1&cursor=${first.body.nextCursor}`, { role: 'viewer' });
    expect(reused.status).toBe(400);
    expect(reused.body.error.issues).toEqual([{ path: 'query.cursor', message: 'not a cursor from this listing' }]);
  });

  it('refuses a cursor a client crafted or edited, before any read', async () => {
    const ward = newWard();
    await seed(ward);
    const first = await call('GET', `/contacts?ward=${encodeURIComponent(ward)}&limit=1`, { role: 'viewer' });
    const [payload, mac] = (first.body.nextCursor as string).split('.') as [string, string];
    const key = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const crafted = [
      Buffer.from(JSON.stringify(key)).toString('base64url'),
      `${Buffer.from(JSON.stringify({ ...key, sk: 'x'.repeat(1000) })).toString('base64url')}.${mac}`,
      `${Buffer.from(JSON.stringify({ pk: 'x', sk: 'y' })).toString('base64url')}.${mac}`,
    ];
    for (const cursor of crafted) {
      const page = await call('GET', `/contacts?ward=${encodeURIComponent(ward)}&limit=1&cursor=${cursor}`, {
        role: 'viewer',
      });
      expect(page.status).toBe(400);
      expect(page.body.error.issues).toEqual([{ path: 'query.cursor', message: 'not a cursor from this listing' }]);
    }
  });
});
