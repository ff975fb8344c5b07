import { createHmac, timingSafeEqual } from 'node:crypto';
import { deploymentSecret } from './deployment-secret';

/**
 * Tamper-evident values handed to clients (pagination cursors, device tokens): the value, a dot, and an HMAC
 * of it under a key derived per purpose from the deployment's signing secret. A value a client edited or
 * invented fails `verify`. The secret is read from Secrets Manager once per execution environment and
 * kept for a while (Powertools parameters caches it).
 */
export type SigningPurpose = 'cursor' | 'device' | 'unsubscribe';

const MAC_BYTES = 16;

export interface Signer {
  sign(value: string): string;
  /** The value, if `signed` carries a MAC made here for this purpose; undefined otherwise. */
  verify(signed: string): string | undefined;
}

export function signerWithSecret(secret: string, purpose: SigningPurpose): Signer {
  const key = createHmac('sha256', secret).update(`voxcitio-${purpose}`).digest();
  const mac = (value: string) => createHmac('sha256', key).update(value).digest().subarray(0, MAC_BYTES);
  return {
    sign: (value) => `${value}.${mac(value).toString('base64url')}`,
    verify: (signed) => {
      const dot = signed.lastIndexOf('.');
      if (dot < 0) return undefined;
      const value = signed.slice(0, dot);
      const given = Buffer.from(signed.slice(dot + 1), 'base64url');
      const expected = mac(value);
      return given.length === expected.length && timingSafeEqual(given, expected) ? value : undefined;
    },
  };
}

/** The signer for a purpose, from the deployment's signing secret. */
export async function signer(purpose: SigningPurpose): Promise<Signer> {
  return signerWithSecret(await deploymentSecret('signing'), purpose);
}

/**
 * A value only this deployment can compute from `input`: `bytes` of an HMAC under a key derived for the
 * purpose, base64url. What it keys need not be stored: it can be computed again from the same input.
 */
export async function derivedToken(purpose: 'survey-link', input: string, bytes: number): Promise<string> {
  const key = createHmac('sha256', await deploymentSecret('signing'))
    .update(`voxcitio-${purpose}`)
    .digest();
  return createHmac('sha256', key).update(input).digest().subarray(0, bytes).toString('base64url');
}
