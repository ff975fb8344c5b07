import { type Signer, signer } from '../core/secrets/signing';
import { newLinkToken } from './survey-links';

/**
 * What names a device to a public survey that takes one response per device: a random id the server issues,
 * signed (core/secrets/signing.ts), kept by the device as a cookie or by a frontend. A value the server did
 * not issue fails `isIssued`, so a client cannot invent one per submission; it can still throw its token
 * away and ask for a new one, which is what one-per-device cannot prevent (docs/privacy.md).
 */
export interface DeviceTokens {
  issue(): Promise<string>;
  isIssued(token: string): Promise<boolean>;
}

/** Where a frontend on another site, which the cookie does not reach, sends the device token back. */
export const DEVICE_HEADER = 'x-voxcitio-device';

const DEVICE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{27}\.[A-Za-z0-9_-]{22}$/;

export function deviceTokensSignedWith(sign: () => Promise<Signer>): DeviceTokens {
  return {
    issue: async () => (await sign()).sign(newLinkToken()),
    isIssued: async (token) => DEVICE_TOKEN_PATTERN.test(token) && (await sign()).verify(token) !== undefined,
  };
}

export const signedDeviceTokens: DeviceTokens = deviceTokensSignedWith(() => signer('device'));
