import { request as httpRequest } from 'node:http';
import { expect } from 'vitest';
import { everyTypeSurvey } from '../support/survey-fixtures';
import { apiUrl, call, uniqueEmail } from './api-client';

/** A new survey (everyTypeSurvey with overrides), opened by a manager unless `open` is false. */
export async function createSurvey(overrides: Record<string, unknown> = {}, open = true) {
  const created = await call('POST', '/surveys', { role: 'staff', json: everyTypeSurvey(overrides) });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  if (!open) return created.body as { id: string; version: number };
  const opened = await call('POST', `/surveys/${created.body.id}/open`, { role: 'manager' });
  expect(opened.status).toBe(200);
  return opened.body as { id: string; version: number };
}

/** Contacts in a ward of their own, and a segment of that ward. */
export async function wardWithContacts(
  count: number,
  ward: string,
  extra: (index: number) => Record<string, unknown> = () => ({}),
) {
  const ids: string[] = [];
  for (let start = 0; start < count; start += 16) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(16, count - start) }, (_, offset) =>
        call('POST', '/contacts', {
          role: 'staff',
          json: { email: uniqueEmail('surveyed'), ward, ...extra(start + offset) },
        }),
      ),
    );
    for (const created of batch) {
      expect(created.status).toBe(201);
      ids.push(created.body.id);
    }
  }
  const segment = await call('POST', '/segments', { role: 'staff', json: { name: `Ward ${ward}`, filter: { ward } } });
  expect(segment.status).toBe(201);
  return { contactIds: ids, segmentId: segment.body.id as string };
}

export interface MintedLink {
  contactId: string;
  token: string;
  url: string;
  language: string;
  ward: string;
}

/** Mints links for a segment and reads them back from the JSON download, the only place tokens exist. */
export async function mintLinks(surveyId: string, segmentId: string) {
  const minted = await call('POST', `/surveys/${surveyId}/links`, { role: 'manager', json: { segmentId } });
  expect(minted.status, JSON.stringify(minted.body)).toBe(200);
  const download = await fetch(minted.body.downloads.json);
  expect(download.status).toBe(200);
  const { links } = (await download.json()) as { links: MintedLink[] };
  const csv = await (await fetch(minted.body.downloads.csv)).text();
  return { ...minted.body, links, csv } as {
    invited: number;
    alreadyInvited: number;
    links: MintedLink[];
    csv: string;
  };
}

export interface CitizenResponse {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

/** How often a citizen's request is sent while the throttle answers 429. */
const THROTTLED_ATTEMPTS = 20;

/**
 * Another citizen's address: each request comes from a loopback address of its own (all of 127/8 is this
 * machine), as a link sent to a ward is opened by many people, so that tests are not held back by the edge's
 * per-client limit. A test of that limit names its client's address (`from`).
 */
export const anotherCitizenAddress = () =>
  `127.${1 + Math.floor(Math.random() * 254)}.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 254)}`;

/** A citizen's request to /s/{token}: JSON by default; `html` asks as a browser does. */
export async function citizen(
  method: 'GET' | 'POST',
  path: string,
  options: {
    json?: unknown;
    form?: URLSearchParams;
    html?: boolean;
    headers?: Record<string, string>;
    /** The client's address; another citizen's for each request when not given. */
    from?: string;
    /** Return the throttle's 429 at once instead of waiting and sending again. */
    once?: boolean;
  } = {},
): Promise<CitizenResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.html) headers.accept = 'text/html,application/xhtml+xml';
  let body: string | undefined;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] = 'application/json';
  }
  if (options.form) {
    body = options.form.toString();
    headers['content-type'] = 'application/x-www-form-urlencoded';
    // As a browser posting the survey's own page does (its referrer policy keeps the Origin).
    if (!('origin' in headers)) headers.origin = new URL(apiUrl()).origin;
  }
  // Citizen routes are throttled, as in AWS: a client waits and sends again, a bounded number of times (the
  // last answer, a 429 too, is returned for the test to see).
  for (let attempt = 1; ; attempt++) {
    const response = await requestFrom(options.from ?? anotherCitizenAddress(), method, path, headers, body);
    if (response.status === 429 && !options.once && attempt < THROTTLED_ATTEMPTS) {
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
      continue;
    }
    const { text } = response;
    const json =
      response.headers.get('content-type')?.startsWith('application/json') && text ? JSON.parse(text) : undefined;
    return { status: response.status, headers: response.headers, body: json, text };
  }
}

/** One request from a chosen local address (fetch cannot choose one), redirects not followed. */
function requestFrom(
  localAddress: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body: string | undefined,
): Promise<{ status: number; headers: Headers; text: string }> {
  const url = new URL(`${apiUrl()}${path}`);
  return new Promise((resolve, reject) => {
    const sent = httpRequest(
      url,
      {
        method,
        headers: { ...headers, ...(body !== undefined && { 'content-length': String(Buffer.byteLength(body)) }) },
        localAddress,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const received = new Headers();
          for (const [name, value] of Object.entries(response.headers))
            for (const one of [value ?? []].flat()) received.append(name, one);
          resolve({
            status: response.statusCode ?? 0,
            headers: received,
            text: Buffer.concat(chunks).toString('utf8'),
          });
        });
        response.on('error', reject);
      },
    );
    sent.on('error', reject);
    sent.end(body);
  });
}
