import { randomUUID } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isOptOutKeyword } from '../../shared/campaigns/sms-keywords';
import { countSms } from '../../shared/campaigns/sms-messages';
import { readBody } from './request-body';
import type { StandIn } from './stand-in';

export interface SmsStandInOptions {
  /** Message parts a second the origination identity takes; faster sends are throttled, as the service does. */
  partsPerSecond: number;
  /** Where two-way SMS publishes replies (the number's TwoWayChannelArn topic). */
  publishReply: (payload: string) => void;
}

/** The origination identity the local stack sends from. */
export const LOCAL_SMS_POOL = 'pool-voxcitio-local';
const TARGET_PREFIX = 'PinpointSMSVoiceV2.';
const E164 = /^\+[1-9]\d{6,14}$/;

interface SentSms {
  messageId: string;
  destination: string;
  origination: string;
  body: string;
  messageType?: string;
  context?: Record<string, string>;
  segments: number;
  at: number;
}

/**
 * A small stand-in for AWS End User Messaging SMS (pinpoint-sms-voice-v2, awsJson1_0): SendTextMessage with
 * its outbox (`GET /store`, `POST /clear-store`), the number's managed opt-out list (a number that replied
 * STOP is refused with ConflictException DESTINATION_PHONE_NUMBER_OPTED_OUT), throughput in parts per second
 * (ThrottlingException beyond), and two-way replies: `POST /_voxcitio/reply {"from", "body"}` plays a person
 * texting back, published to the replies topic in the service's payload. No npm stand-in speaks this API.
 */
export function smsStandIn(options: () => SmsStandInOptions): StandIn {
  return {
    name: 'sms',
    async start() {
      const config = options();
      const sent: SentSms[] = [];
      const optedOut = new Set<string>();
      let tokens = config.partsPerSecond;
      let filledAt = Date.now();
      const server = createServer(async (request, response) => {
        try {
          const body = (await readBody(request)).toString();
          const path = request.url ?? '/';
          if (request.method === 'GET' && path.startsWith('/store')) return json(response, 200, { messages: sent });
          if (request.method === 'POST' && path === '/clear-store') {
            sent.length = 0;
            return json(response, 200, {});
          }
          if (request.method === 'POST' && path === '/_voxcitio/reply') {
            const reply = JSON.parse(body) as { from: string; body: string };
            const keyword = reply.body.trim().split(/\s+/)[0]?.toUpperCase() ?? '';
            if (isOptOutKeyword(keyword)) optedOut.add(reply.from);
            config.publishReply(
              JSON.stringify({
                originationNumber: reply.from,
                destinationNumber: LOCAL_SMS_POOL,
                messageKeyword: keyword,
                messageBody: reply.body,
                inboundMessageId: randomUUID(),
                previousPublishedMessageId: sent.findLast((message) => message.destination === reply.from)?.messageId,
              }),
            );
            return json(response, 200, { optedOut: optedOut.has(reply.from) });
          }
          const target = String(request.headers['x-amz-target'] ?? '');
          if (request.method !== 'POST' || !target.startsWith(TARGET_PREFIX))
            return awsError(response, 'UnknownOperationException', `No route for ${request.method} ${path}`);
          if (target !== `${TARGET_PREFIX}SendTextMessage`)
            return awsError(response, 'UnknownOperationException', `${target} is not played by the local stand-in`);
          const input = JSON.parse(body) as {
            DestinationPhoneNumber?: string;
            OriginationIdentity?: string;
            MessageBody?: string;
            MessageType?: string;
            Context?: Record<string, string>;
          };
          if (!input.DestinationPhoneNumber || !E164.test(input.DestinationPhoneNumber))
            return awsError(response, 'ValidationException', 'DestinationPhoneNumber must be E.164', {
              Reason: 'INVALID_PARAMETER',
            });
          if (!input.MessageBody) return awsError(response, 'ValidationException', 'MessageBody is required');
          if (optedOut.has(input.DestinationPhoneNumber))
            return awsError(response, 'ConflictException', 'The destination phone number has opted out', {
              Reason: 'DESTINATION_PHONE_NUMBER_OPTED_OUT',
              ResourceType: 'opt-out-list',
              ResourceId: 'Default',
            });
          const segments = countSms(input.MessageBody).segments;
          const now = Date.now();
          tokens = Math.min(config.partsPerSecond, tokens + ((now - filledAt) / 1000) * config.partsPerSecond);
          filledAt = now;
          if (tokens < Math.min(segments, config.partsPerSecond))
            return awsError(response, 'ThrottlingException', 'Rate exceeded');
          tokens -= segments;
          const messageId = randomUUID();
          sent.push({
            messageId,
            destination: input.DestinationPhoneNumber,
            origination: input.OriginationIdentity ?? '',
            body: input.MessageBody,
            ...(input.MessageType && { messageType: input.MessageType }),
            ...(input.Context && { context: input.Context }),
            segments,
            at: now,
          });
          return json(response, 200, { MessageId: messageId });
        } catch (error) {
          awsError(response, 'InternalServerException', String(error), {}, 500);
        }
      });
      server.listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      return {
        environment: {
          AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2: endpoint,
          SMS_ORIGINATION_IDENTITY: LOCAL_SMS_POOL,
          SMS_OUTBOX_URL: `${endpoint}/store`,
        },
        description: `SMS (local stand-in) ${endpoint}   outbox ${endpoint}/store, ${config.partsPerSecond} parts/s`,
        stop: async () => {
          server.closeAllConnections();
          await new Promise((resolve) => server.close(resolve));
        },
      };
    },
  };
}

function json(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
  response.end(JSON.stringify(body));
}

/** An error as awsJson1_0 answers one: `__type` names it, and its own fields (Reason …) come beside. */
function awsError(response: ServerResponse, type: string, message: string, fields = {}, status = 400) {
  json(response, status, { __type: type, message, ...fields });
}
