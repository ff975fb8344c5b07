import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SIGNING_KEY_FILE } from './local-auth';

/**
 * `npm run start:fresh`: removes the local table's and buckets' data, and keeps the signing key, so tokens
 * already minted (by `npm run token`, or for another stack in the same checkout) stay valid.
 */
export function removeLocalData(dataDir: string): string[] {
  if (!existsSync(dataDir)) return [];
  const removed = readdirSync(dataDir).filter((entry) => entry !== SIGNING_KEY_FILE);
  for (const entry of removed) rmSync(join(dataDir, entry), { recursive: true, force: true });
  return removed;
}
