import { expect, inject } from 'vitest';
import { eventually } from '../../support/eventually';
import { call } from '../api-client';

/** Helpers for the campaign tests: seeding an audience, writing campaigns, and reading the SES stand-in's outbox. */
export const run = Date.now().toString(36);

export interface OutboxEmail {
  messageId: string;
  destination: { to: string[] };
  subject: string;
  body: { html?: string; text?: string };
  headers?: { name: string; value: string }[];
}

const outboxUrl = () => inject('localEnvironment').SES_OUTBOX_URL as string;
const sesUrl = () => inject('localEnvironment').AWS_ENDPOINT_URL_SESV2 as string;

/** Every message the SES stand-in holds that went to one of these addresses. */
export async function outboxFor(addresses: readonly string[]): Promise<OutboxEmail[]> {
  const wanted = new Set(addresses);
  const store = (await (await fetch(outboxUrl())).json()) as { emails: OutboxEmail[] };
  return store.emails.filter((email) => email.destination.to.some((address) => wanted.has(address)));
}

/** Makes the SES stand-in throttle its next `calls` send calls (TooManyRequestsException). */
export async function throttleNextSends(calls: number) {
  const response = await fetch(`${sesUrl()}/_voxcitio/throttle`, { method: 'POST', body: JSON.stringify({ calls }) });
  expect(response.status).toBe(200);
}

let counter = 0;
/** An address of the SES mailbox simulator that bounces, complains or is delivered, unique to this run. */
export const simulator = (mailbox: 'bounce' | 'complaint' | 'success') =>
  `${mailbox}+${run}-${++counter}@simulator.amazonses.com`;

export async function contact(fields: Record<string, unknown>): Promise<string> {
  const created = await call('POST', '/contacts', { role: 'staff', json: fields });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id;
}

export const consenting = { email: { granted: true, source: 'web form' } };

export async function segmentOf(tag: string): Promise<string> {
  const created = await call('POST', '/segments', {
    role: 'staff',
    json: { name: `Campaign audience ${tag}`, filter: { tagsAny: [tag] } },
  });
  expect(created.status).toBe(201);
  return created.body.id;
}

export const content = {
  en: {
    subject: 'News for {{firstName|you}}',
    html: '<p>Dear {{firstName|resident}},</p><p>News from {{cityName}}.</p><p><a href="{{unsubscribeUrl}}">Unsubscribe</a></p>',
    text: 'Dear {{firstName|resident}},\nNews from {{cityName}}.\nUnsubscribe: {{unsubscribeUrl}}',
  },
  fr: {
    subject: 'Nouvelles pour {{firstName}}',
    html: '<p>Bonjour {{firstName}},</p><p><a href="{{unsubscribeUrl}}">Se désabonner</a></p>',
    text: 'Bonjour {{firstName}},\nSe désabonner : {{unsubscribeUrl}}',
  },
};

export async function campaignFor(segmentId: string, name = `Campaign ${run}`): Promise<string> {
  const created = await call('POST', '/campaigns', {
    role: 'staff',
    json: { name, channel: 'email', audience: { segmentId }, defaultLanguage: 'en', content },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id;
}

export async function sendAndWait(campaignId: string, role: 'manager' = 'manager') {
  const sent = await call('POST', `/campaigns/${campaignId}/send`, { role });
  expect(sent.status, JSON.stringify(sent.body)).toBe(200);
  return finished(campaignId);
}

/** The campaign once it has been sent and every event for it has come back (no delivery still waits for one). */
export async function finished(campaignId: string, expectDelivered?: number) {
  const done = await eventually(
    `campaign ${campaignId} sent`,
    () => call('GET', `/campaigns/${campaignId}`, { role: 'viewer' }),
    (response) =>
      response.body.status === 'sent' &&
      (expectDelivered === undefined || response.body.counts.delivered >= expectDelivered),
  );
  return done.body;
}

export async function deliveries(campaignId: string) {
  const page = await call('GET', `/campaigns/${campaignId}/deliveries?limit=100`, { role: 'viewer' });
  expect(page.status).toBe(200);
  return page.body.items as { contactId: string; status: string; reason?: string }[];
}

/** The List-Unsubscribe URL of a message. */
export function unsubscribeUrlOf(email: OutboxEmail): string {
  const header = email.headers?.find((candidate) => candidate.name === 'List-Unsubscribe')?.value ?? '';
  return /<(https?:[^>]+)>/.exec(header)?.[1] ?? '';
}
