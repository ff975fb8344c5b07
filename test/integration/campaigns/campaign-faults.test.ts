import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, inject, it } from 'vitest';
import { CampaignSendJob } from '../../../shared/campaigns/campaign-send-job';
import { CampaignsRepository } from '../../../shared/campaigns/campaigns-repository';
import { DeliveriesRepository } from '../../../shared/campaigns/deliveries-repository';
import { EmailChannelService } from '../../../shared/campaigns/email-channel-service';
import { SendPacer } from '../../../shared/campaigns/send-pacer';
import { ContactsRepository } from '../../../shared/contacts/contacts-repository';
import { eventually, IMPORT_TEST_MS } from '../../support/eventually';
import { call } from '../api-client';
import { localDocumentClient, localTableName, useLocalSecrets } from '../local-clients';
import {
  campaignFor,
  consenting,
  contact,
  deliveries,
  finished,
  outboxFor,
  run,
  segmentOf,
  throttleNextSends,
} from './campaigns-client';

const env = () => inject('localEnvironment');

async function audience(tag: string, size: number) {
  const addresses = Array.from({ length: size }, (_, index) => `${tag}-${index}@example.org`);
  const ids: string[] = [];
  for (const email of addresses) ids.push(await contact({ email, tags: [tag], consent: consenting }));
  return { addresses, ids, segmentId: await segmentOf(tag) };
}

const exactlyOnce = async (addresses: string[]) => {
  const outbox = await outboxFor(addresses);
  expect(outbox.map((email) => email.destination.to[0]).sort()).toEqual([...addresses].sort());
};

describe('campaign sending under faults', () => {
  it(
    'reaches everyone exactly once when SES throttles calls',
    async () => {
      const { addresses, segmentId } = await audience(`throttled-${run}`, 60);
      const campaignId = await campaignFor(segmentId);
      await throttleNextSends(3);
      expect((await call('POST', `/campaigns/${campaignId}/send`, { role: 'manager' })).status).toBe(200);
      const done = await finished(campaignId);
      expect(done.counts).toMatchObject({ sent: 60, failed: 0, queued: 0 });
      await exactlyOnce(addresses);
    },
    IMPORT_TEST_MS,
  );

  it(
    'reaches everyone exactly once when every queue message is delivered twice',
    async () => {
      const { addresses, ids, segmentId } = await audience(`twice-${run}`, 90);
      const campaignId = await campaignFor(segmentId);
      const sending = await call('POST', `/campaigns/${campaignId}/send`, { role: 'manager' });
      const sqs = new SQSClient({
        endpoint: env().AWS_ENDPOINT_URL_SQS,
        region: env().AWS_REGION,
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        useQueueUrlAsEndpoint: false,
      });
      // The same messages the audience job enqueues (its page, and its chunks of 50), sent once more each.
      await sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: env().CAMPAIGN_AUDIENCE_QUEUE_URL,
          Entries: [{ Id: '0', MessageBody: JSON.stringify({ campaignId, run: sending.body.run, page: 1 }) }],
        }),
      );
      const chunks = [ids.slice(0, 50), ids.slice(50)];
      await sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: env().CAMPAIGN_SENDS_QUEUE_URL,
          Entries: chunks.map((contactIds, index) => ({
            Id: String(index),
            MessageBody: JSON.stringify({ campaignId, contactIds }),
          })),
        }),
      );
      const done = await finished(campaignId);
      expect(done.counts).toMatchObject({ sent: 90, failed: 0, queued: 0 });
      // The duplicates arrive after the campaign is sent, or meet claims: either way they send nothing.
      await new Promise((resolve) => setTimeout(resolve, 3000));
      await exactlyOnce(addresses);
      sqs.destroy();
    },
    IMPORT_TEST_MS,
  );
});

/**
 * A sender that dies mid-batch, played in this process against the local stack's stand-ins: the campaign is
 * put in `sending` without enqueuing anything, and the test hands the same chunk to a sender that dies at a
 * chosen point, then to a healthy one once the dead attempt's claims have lapsed.
 */
describe('a sender killed mid-batch', () => {
  const setUp = async (tag: string) => {
    useLocalSecrets();
    const { addresses, ids, segmentId } = await audience(tag, 20);
    const campaignId = await campaignFor(segmentId);
    const documents = localDocumentClient();
    const campaigns = new CampaignsRepository(documents, localTableName());
    expect(await campaigns.transition(campaignId, 'draft', { status: 'sending', run: 1 })).toBe(true);
    const ses = new SESv2Client({
      endpoint: env().AWS_ENDPOINT_URL_SESV2,
      region: env().AWS_REGION,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const job = (deliveries: DeliveriesRepository, now: () => Date = () => new Date()) =>
      new CampaignSendJob(
        campaigns,
        deliveries,
        new ContactsRepository(documents, localTableName()),
        undefined,
        {
          email: new EmailChannelService(
            ses,
            async () => ({ maxSendRate: 40, max24HourSend: 50_000, sentLast24Hours: 0 }),
            { from: 'city@example.org', cityName: 'Test' },
          ),
        },
        new SendPacer(2),
        { publicBaseUrl: 'http://localhost', leaseMs: 1000, now },
      );
    return { addresses, ids, campaignId, campaigns, documents, job };
  };

  it(
    'dies before its call: the next attempt sends to everyone once',
    async () => {
      const { addresses, ids, campaignId, documents, job } = await setUp(`killed-before-${run}`);
      const dying = new DeliveriesRepository(documents, localTableName());
      dying.markCall = async () => {
        throw new Error('killed');
      };
      await expect(job(dying).sendChunk({ campaignId, contactIds: ids })).rejects.toThrow('killed');
      expect(await outboxFor(addresses)).toHaveLength(0);
      await new Promise((resolve) => setTimeout(resolve, 1200)); // the dead attempt's claims lapse
      const outcome = await job(new DeliveriesRepository(documents, localTableName())).sendChunk({
        campaignId,
        contactIds: ids,
      });
      expect(outcome).toEqual({ done: true });
      await exactlyOnce(addresses);
    },
    IMPORT_TEST_MS,
  );

  it(
    'dies after SES took its call: nobody gets a second message, and SES’s events record the deliveries',
    async () => {
      const { addresses, ids, campaignId, documents, job } = await setUp(`killed-after-${run}`);
      const dying = new DeliveriesRepository(documents, localTableName());
      dying.record = async () => {
        throw new Error('killed');
      };
      await expect(job(dying).sendChunk({ campaignId, contactIds: ids })).rejects.toThrow('killed');
      await eventually(
        'the messages out',
        () => outboxFor(addresses),
        (sent) => sent.length === ids.length,
      );
      await new Promise((resolve) => setTimeout(resolve, 1200));
      const deliveriesRepository = new DeliveriesRepository(documents, localTableName());
      await job(deliveriesRepository).sendChunk({ campaignId, contactIds: ids });
      await exactlyOnce(addresses);
      // SES's Delivery events (published by the stand-in for each message) reach the deployed events consumer;
      // whichever came first, every recipient ends delivered, and none was sent twice.
      const recorded = await eventually(
        'every delivery recorded',
        () => deliveries(campaignId),
        (items) => items.length === ids.length && items.every((item) => item.status === 'delivered'),
      );
      expect(recorded).toHaveLength(ids.length);
    },
    IMPORT_TEST_MS,
  );
});
