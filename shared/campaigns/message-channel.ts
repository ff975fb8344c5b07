import type { Channel, Contact } from '../contacts/contact';
import type { Campaign } from './campaign';

/** One recipient's message as the sender hands it to a channel: who, where, and the links it carries. */
export interface Outgoing {
  contact: Contact;
  address: string;
  unsubscribeUrl: string;
  surveyLink?: string;
}

/** What a channel did with one call: each message's id or why it was refused, or why nothing went out. */
export type CallOutcome =
  | { results: ({ messageId: string } | { failure: string })[] }
  /** The service said to slow down: nothing went out, the same call can succeed later. */
  | { throttled: true }
  /** The service will not send for the account until someone acts: the campaign pauses with this reason. */
  | { stopped: string };

/**
 * How a campaign's messages leave on one channel: how fast (units a second, where a unit is what the
 * service's rate counts: a recipient for SES, a message part for SMS), how many a call takes, and the call.
 */
export interface MessageChannel {
  channel: Channel;
  limits(): Promise<{ unitsPerSecond: number; perCall: number }>;
  /** The units a call of these messages costs against the rate. */
  units(campaign: Campaign, messages: readonly Outgoing[]): number;
  send(campaign: Campaign, messages: readonly Outgoing[]): Promise<CallOutcome>;
}
