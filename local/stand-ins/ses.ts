import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import sesLocal from 'aws-ses-v2-local';
import { freePort } from '../free-port';
import { readBody } from './request-body';
import { type SentMessage, simulatedEvents } from './ses-mailbox-simulator';
import type { StandIn } from './stand-in';

export interface SesStandInOptions {
  /** The account's sending rate, recipients per second (SES's MaxSendRate). */
  maxSendRate: number;
  /** The account's 24-hour quota, recipients. */
  max24HourSend: number;
  /** Where SES's event destination publishes (the configuration set's SNS topic). */
  publishEvent: (record: string) => void;
}

/** SES's largest bulk call (SendBulkEmail's BulkEmailEntries). */
const MAX_BULK_ENTRIES = 50;
const DAY_MS = 24 * 60 * 60_000;
/** What the front passes on to the stand-in behind it (which wants an AWS Authorization header). */
const FORWARDED_HEADERS = /^(authorization|content-type|x-amz-.*)$/i;

/**
 * aws-ses-v2-local (its store is the outbox: GET /store, the viewer at /) behind a front of our own that plays
 * what it leaves out and Voxcitio relies on:
 * - the account's quotas: GetAccount answers the configured rate and 24-hour quota and what was sent; a send
 *   beyond the rate answers TooManyRequestsException and beyond the quota LimitExceededException, as SES does;
 * - SendBulkEmail's 50-entry limit;
 * - the configuration set's events: every accepted message publishes a Delivery event, and the mailbox
 *   simulator's addresses (bounce@, complaint@, suppressionlist@simulator.amazonses.com) a Bounce or Complaint,
 *   to the SNS topic, in SES's event-publishing format.
 * `POST /_voxcitio/throttle {"calls": n}` makes the next n send calls throttled (fault tests).
 */
export function sesStandIn(options: () => SesStandInOptions): StandIn {
  return {
    name: 'ses',
    async start() {
      const config = options();
      const innerPort = await freePort();
      // A CommonJS module: its default export arrives as `default` of the namespace.
      const start = (sesLocal as unknown as { default?: typeof sesLocal }).default ?? sesLocal;
      const inner = await start({ host: '127.0.0.1', port: innerPort });
      const innerUrl = `http://127.0.0.1:${innerPort}`;
      const quota = new SendingQuota(config.maxSendRate, config.max24HourSend);
      let throttleCalls = 0;
      const front = createServer(async (request, response) => {
        try {
          const body = await readBody(request);
          const path = request.url ?? '/';
          if (request.method === 'POST' && path === '/_voxcitio/throttle') {
            throttleCalls = Number((JSON.parse(body.toString() || '{}') as { calls?: number }).calls ?? 1);
            return send(response, 200, { throttledCalls: throttleCalls });
          }
          if (request.method === 'GET' && path.startsWith('/v2/email/account'))
            return send(response, 200, quota.account());
          const sending = sendRequest(request.method, path, body);
          if (sending) {
            if (sending.recipients > MAX_BULK_ENTRIES && sending.bulk)
              return sesError(response, 400, 'BadRequestException', `At most ${MAX_BULK_ENTRIES} entries per call`);
            if (throttleCalls > 0) {
              throttleCalls -= 1;
              return sesError(response, 429, 'TooManyRequestsException', 'Maximum sending rate exceeded.');
            }
            const refusal = quota.take(sending.recipients);
            if (refusal === 'rate')
              return sesError(response, 429, 'TooManyRequestsException', 'Maximum sending rate exceeded.');
            if (refusal === 'quota')
              return sesError(response, 400, 'LimitExceededException', 'Daily message quota exceeded.');
          }
          const forwarded = await fetch(`${innerUrl}${path}`, {
            method: request.method ?? 'GET',
            headers: Object.fromEntries(
              Object.entries(request.headers).flatMap(([name, value]) =>
                FORWARDED_HEADERS.test(name) && typeof value === 'string' ? [[name, value]] : [],
              ),
            ),
            ...(request.method !== 'GET' && request.method !== 'HEAD' && { body }),
          });
          const answer = Buffer.from(await forwarded.arrayBuffer());
          response.writeHead(forwarded.status, {
            'content-type': forwarded.headers.get('content-type') ?? 'application/json',
          });
          response.end(answer);
          if (sending && forwarded.ok)
            for (const record of simulatedEvents(sending.messages(JSON.parse(answer.toString()))))
              config.publishEvent(JSON.stringify(record));
        } catch (error) {
          sesError(response, 500, 'InternalFailure', String(error));
        }
      });
      front.listen(0, '127.0.0.1');
      await new Promise((resolve) => front.once('listening', resolve));
      const endpoint = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
      return {
        environment: { AWS_ENDPOINT_URL_SESV2: endpoint, SES_OUTBOX_URL: `${endpoint}/store` },
        description: `SES v2 (aws-ses-v2-local) ${endpoint}   outbox ${endpoint}/ (mail at ${endpoint}/store), ${config.maxSendRate} recipients/s`,
        stop: async () => {
          await Promise.all([close(front), close(inner)]);
        },
      };
    },
  };
}

/** The account's rate (a bucket refilled continuously, one recipient a token) and its rolling 24-hour quota. */
class SendingQuota {
  private tokens: number;
  private filledAt = Date.now();
  private readonly sent: { at: number; recipients: number }[] = [];

  constructor(
    private readonly rate: number,
    private readonly daily: number,
  ) {
    this.tokens = rate;
  }

  sentLast24Hours(): number {
    const since = Date.now() - DAY_MS;
    while (this.sent.length > 0 && (this.sent[0]?.at ?? 0) < since) this.sent.shift();
    return this.sent.reduce((total, entry) => total + entry.recipients, 0);
  }

  /** Takes a call's recipients, or says why SES would refuse it. A call larger than a second's rate needs a full bucket. */
  take(recipients: number): 'rate' | 'quota' | undefined {
    const now = Date.now();
    this.tokens = Math.min(this.rate, this.tokens + ((now - this.filledAt) / 1000) * this.rate);
    this.filledAt = now;
    if (this.sentLast24Hours() + recipients > this.daily) return 'quota';
    if (this.tokens < Math.min(recipients, this.rate)) return 'rate';
    this.tokens -= recipients;
    this.sent.push({ at: now, recipients });
    return undefined;
  }

  account() {
    return {
      DedicatedIpAutoWarmupEnabled: false,
      EnforcementStatus: 'HEALTHY',
      ProductionAccessEnabled: true,
      SendingEnabled: true,
      SendQuota: { Max24HourSend: this.daily, MaxSendRate: this.rate, SentLast24Hours: this.sentLast24Hours() },
      SuppressionAttributes: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    };
  }
}

interface Header {
  Name: string;
  Value: string;
}
interface Tag {
  Name: string;
  Value: string;
}
interface BulkRequest {
  FromEmailAddress?: string;
  DefaultContent?: { Template?: { Headers?: Header[] } };
  DefaultEmailTags?: Tag[];
  BulkEmailEntries?: {
    Destination: { ToAddresses?: string[] };
    ReplacementHeaders?: Header[];
    ReplacementTags?: Tag[];
  }[];
}
interface SimpleRequest {
  FromEmailAddress?: string;
  Destination?: { ToAddresses?: string[]; CcAddresses?: string[]; BccAddresses?: string[] };
  Content?: { Simple?: { Headers?: Header[] }; Template?: { Headers?: Header[] } };
  EmailTags?: Tag[];
}

/** A send call: how many recipients it counts for, and the messages it made once SES answered. */
function sendRequest(method: string | undefined, path: string, body: Buffer) {
  if (method !== 'POST') return undefined;
  if (path.startsWith('/v2/email/outbound-bulk-emails')) {
    const bulk = JSON.parse(body.toString()) as BulkRequest;
    const entries = bulk.BulkEmailEntries ?? [];
    return {
      bulk: true,
      recipients: entries.length,
      messages: (answer: { BulkEmailEntryResults?: { MessageId?: string; Status?: string }[] }): SentMessage[] =>
        entries.flatMap((entry, index) => {
          const result = answer.BulkEmailEntryResults?.[index];
          if (result?.Status !== 'SUCCESS' || !result.MessageId) return [];
          const replaced = new Set((entry.ReplacementHeaders ?? []).map((header) => header.Name));
          const tags = new Map<string, string>();
          for (const tag of [...(bulk.DefaultEmailTags ?? []), ...(entry.ReplacementTags ?? [])])
            tags.set(tag.Name, tag.Value);
          return [
            {
              messageId: result.MessageId,
              source: bulk.FromEmailAddress ?? '',
              destination: entry.Destination.ToAddresses ?? [],
              headers: [
                ...(bulk.DefaultContent?.Template?.Headers ?? []).filter((header) => !replaced.has(header.Name)),
                ...(entry.ReplacementHeaders ?? []),
              ],
              tags: Object.fromEntries([...tags].map(([name, value]) => [name, [value]])),
            },
          ];
        }),
    };
  }
  if (path.startsWith('/v2/email/outbound-emails')) {
    const simple = JSON.parse(body.toString()) as SimpleRequest;
    const destination = [
      ...(simple.Destination?.ToAddresses ?? []),
      ...(simple.Destination?.CcAddresses ?? []),
      ...(simple.Destination?.BccAddresses ?? []),
    ];
    return {
      bulk: false,
      recipients: destination.length,
      messages: (answer: { MessageId?: string }): SentMessage[] =>
        answer.MessageId
          ? [
              {
                messageId: answer.MessageId,
                source: simple.FromEmailAddress ?? '',
                destination,
                headers: simple.Content?.Simple?.Headers ?? simple.Content?.Template?.Headers ?? [],
                tags: Object.fromEntries((simple.EmailTags ?? []).map((tag) => [tag.Name, [tag.Value]])),
              },
            ]
          : [],
    };
  }
  return undefined;
}

function send(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/** An error as SES v2 (REST-JSON) answers one: the SDK reads its type from x-amzn-errortype. */
function sesError(response: ServerResponse, status: number, type: string, message: string) {
  response.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': type });
  response.end(JSON.stringify({ message }));
}

const close = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
