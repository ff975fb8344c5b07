import { describe, expect, it } from 'vitest';
import { signerWithSecret } from '../../../shared/core/secrets/signing';
import { deviceTokensSignedWith, signedDeviceTokens } from '../../../shared/surveys/device-tokens';

describe('device tokens', () => {
  it('are issued by the server and recognised only when it signed them', async () => {
    const token = await signedDeviceTokens.issue();
    expect(token).toMatch(/^[A-Za-z0-9_-]{27}\.[A-Za-z0-9_-]{22}$/);
    expect(await signedDeviceTokens.isIssued(token)).toBe(true);
    const [id, mac] = token.split('.') as [string, string];
    const otherId = `${id.slice(0, -1)}${id.endsWith('A') ? 'B' : 'A'}`;
    for (const invented of [id, `${otherId}.${mac}`, `${id}.${'A'.repeat(22)}`, '', `${token}x`])
      expect(await signedDeviceTokens.isIssued(invented), invented).toBe(false);
  });

  it('from another deployment (another secret) are not recognised', async () => {
    const ours = deviceTokensSignedWith(async () => signerWithSecret('a'.repeat(40), 'device'));
    const theirs = deviceTokensSignedWith(async () => signerWithSecret('b'.repeat(40), 'device'));
    expect(await ours.isIssued(await theirs.issue())).toBe(false);
  });

  it('are not interchangeable with cursors signed by the same secret', () => {
    const cursors = signerWithSecret('a'.repeat(40), 'cursor');
    const devices = signerWithSecret('a'.repeat(40), 'device');
    expect(devices.verify(cursors.sign('value'))).toBeUndefined();
    expect(cursors.verify(cursors.sign('value'))).toBe('value');
  });
});
