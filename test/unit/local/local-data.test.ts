import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadOrCreateSigningKey, mintToken, SIGNING_KEY_FILE, verifyBearer } from '../../../local/local-auth';
import { removeLocalData } from '../../../local/local-data';

describe('start:fresh', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'voxcitio-fresh-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('removes the table’s and buckets’ data but keeps the signing key, so minted tokens still work', async () => {
    const token = await mintToken(await loadOrCreateSigningKey(dataDir), { role: 'staff' });
    mkdirSync(join(dataDir, 'dynamodb'));
    writeFileSync(join(dataDir, 'dynamodb', 'shared-local-instance.db'), 'x');
    mkdirSync(join(dataDir, 's3'));
    expect(removeLocalData(dataDir).sort()).toEqual(['dynamodb', 's3']);
    expect(readdirSync(dataDir)).toEqual([SIGNING_KEY_FILE]);
    expect(await verifyBearer(await loadOrCreateSigningKey(dataDir), `Bearer ${token}`)).toBeTruthy();
  });

  it('does nothing where there is no data yet', () => {
    expect(removeLocalData(join(dataDir, 'missing'))).toEqual([]);
    expect(existsSync(join(dataDir, 'missing'))).toBe(false);
  });
});
