import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { expect, inject } from 'vitest';
import { loadOrCreateSigningKey, mintToken } from '../../local/local-auth';
import type { Role } from '../../shared/core/http/role-names';

/** A small HTTP client for the local stack, with tokens minted by the stack's own signing key. */
export const apiUrl = () => inject('apiUrl');

const tokens = new Map<string, Promise<string>>();
export function tokenFor(role: Role): Promise<string> {
  let token = tokens.get(role);
  if (!token) {
    token = loadOrCreateSigningKey(inject('localDataDir')).then((keys) => mintToken(keys, { role }));
    tokens.set(role, token);
  }
  return token;
}

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export async function call<T = any>(
  method: string,
  path: string,
  options: { role?: Role; token?: string; json?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  const token = options.token ?? (options.role && (await tokenFor(options.role)));
  if (token) headers.authorization = `Bearer ${token}`;
  let body: string | undefined = options.rawBody;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${apiUrl()}${path}`, { method, headers, ...(body !== undefined && { body }) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/** Every item of a paged listing, page by page (the shared table holds other tests' items too). */
export async function everyItem<T = any>(path: string, role: Role, limit = 100): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const separator = path.includes('?') ? '&' : '?';
    const page = await call(
      'GET',
      `${path}${separator}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      {
        role,
      },
    );
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
    if (!cursor) return items;
  }
  throw new Error(`${path} kept paging`);
}

/** Unique values per test so tests never collide on the shared table. */
let counter = 0;
const run = Date.now().toString(36);
export function uniqueEmail(label = 'resident'): string {
  counter++;
  return `${label}.${run}.${counter}.${process.pid}@example.org`;
}
/**
 * A valid UK mobile (07 9…, a range the contact generator never uses), unique in the run. Each test file (its
 * own module instance, in whichever worker process) claims blocks of 10,000 numbers by creating a file in the
 * stack's data folder, which only one claimant can do.
 */
let phoneBlock: { base: number; used: number } | undefined;
export function uniqueMobile(): string {
  if (!phoneBlock || phoneBlock.used === PHONE_BLOCK) phoneBlock = { base: claimPhoneBlock() * PHONE_BLOCK, used: 0 };
  const digits = String(phoneBlock.base + phoneBlock.used++).padStart(8, '0');
  return `+4479${digits}`;
}

const PHONE_BLOCK = 10_000;
function claimPhoneBlock(): number {
  for (let block = 0; ; block++) {
    try {
      closeSync(openSync(join(inject('localDataDir'), `phone-block-${block}`), 'wx'));
      return block;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
