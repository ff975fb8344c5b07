import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { eventually, IMPORT_TEST_MS } from '../../support/eventually';
import { call, everyItem, tokenFor } from '../api-client';
import {
  campaignFor,
  consenting,
  contact,
  deliveries,
  finished,
  outboxFor,
  run,
  segmentOf,
  sendAndWait,
  simulator,
  unsubscribeUrlOf,
} from './campaigns-client';

describe('a campaign from draft to outbox', () => {
  it(
    'sends exactly one message per eligible contact, in their language, with one-click unsubscribe; the rest are skipped with reasons',
    async () => {
      const tag = `news-${run}`;
      const people = {
        ann: { email: `ann-${run}@example.org`, firstName: 'Ann', language: 'en' },
        beatrice: { email: `beatrice-${run}@example.org`, firstName: 'Béatrice', language: 'fr-CA' },
        carl: { email: `carl-${run}@example.org`, language: 'de' },
      };
      const ids: Record<string, string> = {};
      for (const [name, fields] of Object.entries(people))
        ids[name] = await contact({ ...fields, tags: [tag], consent: consenting });
      const noConsent = await contact({ email: `nc-${run}@example.org`, tags: [tag] });
      const noEmail = await contact({
        firstName: 'Phone only',
        phone: '+447911123456',
        tags: [tag],
        consent: consenting,
      });
      const bouncing = simulator('bounce');
      const complaining = simulator('complaint');
      const bouncer = await contact({ email: bouncing, tags: [tag], consent: consenting });
      const complainer = await contact({ email: complaining, tags: [tag], consent: consenting });
      const segmentId = await segmentOf(tag);

      const refused = await call('POST', '/campaigns', {
        role: 'staff',
        json: {
          name: 'Broken',
          channel: 'email',
          audience: { segmentId },
          defaultLanguage: 'cy',
          content: { en: { subject: 'Hi {{nickname}}', html: '<p>no link</p>', text: 'x {{unsubscribeUrl}}' } },
        },
      });
      expect(refused.status).toBe(400);
      expect(refused.body.error.issues.map((issue: { path: string }) => issue.path).sort()).toEqual([
        'body.content.en.html',
        'body.content.en.subject',
        'body.defaultLanguage',
      ]);
      expect(JSON.stringify(refused.body)).toContain('{{nickname}} is not a merge field');

      const campaignId = await campaignFor(segmentId, `Autumn news ${run}`);
      const preview = await call('GET', `/campaigns/${campaignId}/preview?contactId=${ids.beatrice}`, {
        role: 'staff',
      });
      expect(preview.status).toBe(200);
      expect(preview.body).toMatchObject({
        language: 'fr',
        subject: 'Nouvelles pour Béatrice',
        to: people.beatrice.email,
      });
      expect(preview.body.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
      expect(preview.body.headers['List-Unsubscribe']).toMatch(/^<http:\/\/[^>]+\/u\/[^>]+>, <mailto:[^>]+>$/);
      expect(
        (await call('GET', `/campaigns/${campaignId}/preview?contactId=${ids.carl}`, { role: 'staff' })).body,
      ).toMatchObject({ language: 'en', subject: 'News for you' });

      const counted = await call('GET', `/campaigns/${campaignId}/audience`, { role: 'staff' });
      expect(counted.status).toBe(200);
      expect(counted.body).toMatchObject({ eligible: 5, complete: true });
      expect(counted.body.skipped).toMatchObject({ no_consent: 1, no_address: 1, refused: 0, suppressed: 0 });

      const staffAddress = `staff-${run}@example.org`;
      const test = await call('POST', `/campaigns/${campaignId}/test`, {
        role: 'staff',
        json: { addresses: [staffAddress], contactId: ids.ann },
      });
      expect(test.status).toBe(200);
      const [testMessage] = await outboxFor([staffAddress]);
      expect(testMessage?.subject).toBe('[Test] News for Ann');

      expect((await call('POST', `/campaigns/${campaignId}/send`, { role: 'staff' })).status).toBe(403);
      const sent = await sendAndWait(campaignId);
      expect(sent.counts).toMatchObject({ sent: 5, skipped: 2, failed: 0, queued: 0 });
      expect(sent.counts.skippedBy).toMatchObject({ no_consent: 1, no_address: 1 });
      const after = await finished(campaignId, 4);
      expect(after.counts).toMatchObject({ delivered: 4, bounced: 1, complained: 1 });

      const addresses = [...Object.values(people).map((person) => person.email), bouncing, complaining];
      const outbox = await outboxFor(addresses);
      expect(outbox.map((email) => email.destination.to[0]).sort()).toEqual([...addresses].sort());
      const toBeatrice = outbox.find((email) => email.destination.to[0] === people.beatrice.email);
      expect(toBeatrice?.subject).toBe('Nouvelles pour Béatrice');
      expect(toBeatrice?.body.text).toContain('Bonjour Béatrice');
      expect(outbox.find((email) => email.destination.to[0] === people.carl.email)?.subject).toBe('News for you');
      for (const email of outbox) {
        expect(email.headers).toContainEqual({ name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' });
        expect(email.body.html).toContain(unsubscribeUrlOf(email).replace(/&/g, '&amp;'));
      }
      const statuses = Object.fromEntries((await deliveries(campaignId)).map((d) => [d.contactId, d.status]));
      expect(statuses).toMatchObject({
        [ids.ann as string]: 'delivered',
        [bouncer]: 'bounced',
        [complainer]: 'complained',
        [noConsent]: 'skipped',
        [noEmail]: 'skipped',
      });
      const bounced = await call('GET', `/campaigns/${campaignId}/deliveries?status=bounced`, { role: 'viewer' });
      expect(bounced.body.items.map((item: { contactId: string }) => item.contactId)).toEqual([bouncer]);

      // One click (RFC 8058) from Ann's message: a form post, no login, no cookie.
      const annMessage = outbox.find((email) => email.destination.to[0] === people.ann.email);
      const unsubscribeUrl = unsubscribeUrlOf(annMessage as (typeof outbox)[number]);
      const page = await fetch(unsubscribeUrl, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('<form method="post"');
      expect(html).not.toContain('<script');
      const oneClick = await fetch(unsubscribeUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
      expect(oneClick.status).toBe(200);
      expect(await oneClick.json()).toEqual({ unsubscribed: true });
      const ann = await call('GET', `/contacts/${ids.ann}`, { role: 'viewer' });
      expect(ann.body.consent.email).toMatchObject({ granted: false, optOut: true });
      expect(ann.body.consent.email.source).toContain(`Autumn news ${run}`);
      expect(ann.body.consentHistory.map((event: { granted: boolean; source: string }) => event.granted)).toEqual([
        true,
        false,
      ]);
      expect(ann.body.consentHistory[0]).toMatchObject({ channel: 'email', source: 'web form' });
      const tampered = await fetch(`${unsubscribeUrl.slice(0, -2)}xx`, {
        method: 'POST',
        body: 'List-Unsubscribe=One-Click',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(tampered.status).toBe(404);

      // The next campaign to the same people: the unsubscribe, the bounce and the complaint each stop it.
      const next = await campaignFor(segmentId, `Winter news ${run}`);
      const before = await call('GET', `/campaigns/${next}/audience`, { role: 'staff' });
      expect(before.body).toMatchObject({ eligible: 2, complete: true });
      expect(before.body.skipped).toMatchObject({ refused: 1, suppressed: 2, no_consent: 1, no_address: 1 });
      const second = await sendAndWait(next);
      expect(second.counts).toMatchObject({ sent: 2, skipped: 5 });
      expect(second.counts.skippedBy).toMatchObject({ refused: 1, suppressed: 2, no_consent: 1, no_address: 1 });
      const secondOutbox = await outboxFor(addresses);
      expect(secondOutbox).toHaveLength(outbox.length + 2);

      const listed = await everyItem<{ id: string; createdAt: string }>('/campaigns', 'viewer');
      const order = listed.map((listedCampaign) => listedCampaign.id);
      expect(order.indexOf(next)).toBeLessThan(order.indexOf(campaignId));
      const times = listed.map((listedCampaign) => listedCampaign.createdAt);
      expect(times).toEqual([...times].sort().reverse());
    },
    IMPORT_TEST_MS,
  );
});

describe('a campaign while it sends', () => {
  it(
    'pauses within seconds, sends on when resumed, and reaches everyone exactly once',
    async () => {
      const tag = `pause-${run}`;
      // Six seconds of sending at the stack's 40 a second: the pause lands while most are still queued.
      const addresses = Array.from({ length: 240 }, (_, index) => `p${index}-${run}@example.org`);
      for (const email of addresses) await contact({ email, tags: [tag], consent: consenting });
      const campaignId = await campaignFor(await segmentOf(tag));
      expect((await call('POST', `/campaigns/${campaignId}/send`, { role: 'manager' })).status).toBe(200);
      await eventually(
        'the first messages out',
        () => outboxFor(addresses),
        (sent) => sent.length > 0,
      );
      const paused = await call('POST', `/campaigns/${campaignId}/pause`, { role: 'manager' });
      expect(paused.status).toBe(200);
      expect(paused.body.status).toBe('paused');
      // Calls already under way finish; nothing starts after a status check (every second).
      await new Promise((resolve) => setTimeout(resolve, 4000));
      const whilePaused = (await outboxFor(addresses)).length;
      await new Promise((resolve) => setTimeout(resolve, 3000));
      expect((await outboxFor(addresses)).length).toBe(whilePaused);
      expect(whilePaused).toBeLessThan(addresses.length);
      expect((await call('POST', `/campaigns/${campaignId}/resume`, { role: 'manager' })).body.status).toBe('sending');
      const done = await finished(campaignId);
      expect(done.counts).toMatchObject({ sent: addresses.length, queued: 0, failed: 0 });
      const outbox = await outboxFor(addresses);
      expect(outbox).toHaveLength(addresses.length);
      expect(new Set(outbox.map((email) => email.destination.to[0])).size).toBe(addresses.length);
      expect((await call('POST', `/campaigns/${campaignId}/resume`, { role: 'manager' })).status).toBe(409);
    },
    IMPORT_TEST_MS,
  );

  it(
    'cancels: nothing queued is sent after',
    async () => {
      const tag = `cancel-${run}`;
      // Six seconds of sending at the stack's 40 a second: the cancel lands while most are still queued.
      const addresses = Array.from({ length: 240 }, (_, index) => `c${index}-${run}@example.org`);
      for (const email of addresses) await contact({ email, tags: [tag], consent: consenting });
      const campaignId = await campaignFor(await segmentOf(tag));
      await call('POST', `/campaigns/${campaignId}/send`, { role: 'manager' });
      await eventually(
        'the first messages out',
        () => outboxFor(addresses),
        (sent) => sent.length > 0,
      );
      const cancelled = await call('POST', `/campaigns/${campaignId}/cancel`, { role: 'manager' });
      expect(cancelled.body.status).toBe('cancelled');
      await new Promise((resolve) => setTimeout(resolve, 4000));
      const atCancel = (await outboxFor(addresses)).length;
      await new Promise((resolve) => setTimeout(resolve, 3000));
      expect((await outboxFor(addresses)).length).toBe(atCancel);
      expect(atCancel).toBeLessThan(addresses.length);
      expect((await call('POST', `/campaigns/${campaignId}/send`, { role: 'manager' })).status).toBe(409);
    },
    IMPORT_TEST_MS,
  );
});

describe('the local stack', () => {
  it('writes every stand-in’s address to stack.json, the SES outbox and the queues among them', () => {
    const written = JSON.parse(readFileSync(join(inject('localDataDir'), 'stack.json'), 'utf8'));
    expect(written.apiUrl).toBe(inject('apiUrl'));
    expect(Object.keys(written.endpoints)).toEqual(
      expect.arrayContaining([
        'AWS_ENDPOINT_URL_DYNAMODB',
        'AWS_ENDPOINT_URL_S3',
        'AWS_ENDPOINT_URL_SQS',
        'AWS_ENDPOINT_URL_SESV2',
      ]),
    );
    expect(written.sesOutbox).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/store$/);
    expect(written.smsOutbox).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/store$/);
    expect(Object.keys(written.queues)).toEqual(
      expect.arrayContaining(['CAMPAIGN_AUDIENCE_QUEUE_URL', 'CAMPAIGN_SENDS_QUEUE_URL', 'MESSAGE_EVENTS_QUEUE_URL']),
    );
  });
});

describe('npm run cli -- campaign', () => {
  it(
    'follows a campaign until it is sent, then prints its counts',
    async () => {
      const tag = `cli-${run}`;
      for (const index of [0, 1, 2])
        await contact({ email: `cli${index}-${run}@example.org`, tags: [tag], consent: consenting });
      const campaignId = await campaignFor(await segmentOf(tag));
      expect((await call('POST', `/campaigns/${campaignId}/send`, { role: 'manager' })).status).toBe(200);
      const token = await tokenFor('viewer');
      const cli = (...extra: string[]) =>
        promisify(execFile)(
          process.execPath,
          ['tools/bundled.mjs', 'cli/voxcitio.ts', 'campaign', campaignId, ...extra],
          { cwd: join(import.meta.dirname, '..', '..', '..'), env: { ...process.env, NODE_OPTIONS: '' } },
        );
      const remote = ['--api', inject('apiUrl'), '--token', token];
      const followed = await cli('--wait', '--json', ...remote);
      expect(JSON.parse(followed.stdout)).toMatchObject({ status: 'sent', counts: { sent: 3, queued: 0 } });
      const shown = await cli(...remote);
      expect(shown.stderr).toMatch(
        /^Campaign “Campaign .*” is sent: 3 sent, \d delivered, 0 bounced, 0 complained, 0 failed, 0 skipped, 0 queued/,
      );
    },
    IMPORT_TEST_MS,
  );
});
