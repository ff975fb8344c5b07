import { GetAccountCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { tracer } from '../observability/tracer';

/** One SES v2 client per execution environment; locally AWS_ENDPOINT_URL_SESV2 points it at the stand-in. */
export const sesClient = tracer.captureAWSv3Client(new SESv2Client({}));

export interface SendingQuota {
  /** Recipients per second. */
  maxSendRate: number;
  /** Recipients per rolling 24 hours, and how many of them were sent. */
  max24HourSend: number;
  sentLast24Hours: number;
}

const QUOTA_CACHE_MS = 5 * 60_000;
let cached: { quota: SendingQuota; at: number } | undefined;

/**
 * The account's sending quota from SES GetAccount, read once per execution environment and kept a few minutes
 * (the rate changes only when AWS raises it). -1 (unlimited) reads as a very large number.
 */
export async function sendingQuota(client = sesClient, now = Date.now()): Promise<SendingQuota> {
  if (cached && now - cached.at < QUOTA_CACHE_MS) return cached.quota;
  const { SendQuota } = await client.send(new GetAccountCommand({}));
  const limit = (value: number | undefined) => (value === undefined || value < 0 ? Number.MAX_SAFE_INTEGER : value);
  const quota = {
    maxSendRate: limit(SendQuota?.MaxSendRate),
    max24HourSend: limit(SendQuota?.Max24HourSend),
    sentLast24Hours: SendQuota?.SentLast24Hours ?? 0,
  };
  cached = { quota, at: now };
  return quota;
}

/** SES refused a send for now (its rate): the same call succeeds a few seconds later. */
export const isSesThrottling = (error: unknown) =>
  ['TooManyRequestsException', 'ThrottlingException'].includes((error as Error).name);

/** SES refused a send for the next hours: the account's 24-hour quota is spent. */
export const isSesQuotaSpent = (error: unknown) => (error as Error).name === 'LimitExceededException';

/** SES will not send for this account until someone acts (sending paused, account suspended). */
export const isSesSendingStopped = (error: unknown) =>
  ['SendingPausedException', 'AccountSuspendedException'].includes((error as Error).name);
