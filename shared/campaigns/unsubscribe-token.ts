import { signer } from '../core/secrets/signing';

/**
 * The token of a one-click unsubscribe link (RFC 8058): which contact, from which campaign, signed, so that
 * nobody can unsubscribe someone else by guessing. It is not stored: the signature is the proof.
 */
export interface UnsubscribeRequest {
  contactId: string;
  campaignId: string;
}

const SEPARATOR = '~';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export async function unsubscribeToken(request: UnsubscribeRequest): Promise<string> {
  return (await signer('unsubscribe')).sign(`${request.contactId}${SEPARATOR}${request.campaignId}`);
}

/** What a token says, if it is one Voxcitio signed; undefined for anything else. */
export async function readUnsubscribeToken(token: string): Promise<UnsubscribeRequest | undefined> {
  const value = (await signer('unsubscribe')).verify(token);
  const [contactId, campaignId, ...rest] = value?.split(SEPARATOR) ?? [];
  if (!contactId || !campaignId || rest.length > 0 || !UUID.test(contactId) || !UUID.test(campaignId)) return undefined;
  return { contactId, campaignId };
}

export const unsubscribePath = (token: string) => `/u/${token}`;
