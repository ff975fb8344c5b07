import { describe, expect, inject, it } from 'vitest';
import { eventually, IMPORT_TEST_MS } from '../../support/eventually';
import { call } from '../api-client';
import { contact, deliveries, finished, run, segmentOf } from './campaigns-client';

interface SentSms {
  destination: string;
  body: string;
  messageType?: string;
  segments: number;
}
const smsUrl = () => inject('localEnvironment').AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2 as string;
const smsOutbox = async (numbers: readonly string[]) => {
  const { messages } = (await (await fetch(`${smsUrl()}/store`)).json()) as { messages: SentSms[] };
  return messages.filter((message) => numbers.includes(message.destination));
};
const reply = (from: string, body: string) =>
  fetch(`${smsUrl()}/_voxcitio/reply`, { method: 'POST', body: JSON.stringify({ from, body }) });

let serial = 0;
/** A UK mobile number of this run's own. */
const mobile = () =>
  `+4479${String(Date.now() % 1e6).padStart(6, '0')}${String(++serial).padStart(2, '0')}`.slice(0, 13);
const smsConsent = { sms: { granted: true, source: 'text-in form' } };

const smsCampaign = async (segmentId: string, name: string) => {
  const created = await call('POST', '/campaigns', {
    role: 'staff',
    json: {
      name,
      channel: 'sms',
      audience: { segmentId },
      defaultLanguage: 'en',
      content: {
        en: { text: 'Hi {{firstName|there}}, {{cityName}} consults on the park. Reply STOP to opt out' },
        cy: { text: 'Helo {{firstName}}, ymgynghoriad ar y parc gan {{cityName}}. Atebwch STOP i optio allan' },
      },
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id as string;
};

describe('SMS campaigns', () => {
  it(
    'texts each contact who opted in, in their language, counted in parts; STOP withdraws consent for the next one',
    async () => {
      const tag = `sms-${run}`;
      const numbers = [mobile(), mobile(), mobile()];
      const ids = [
        await contact({ firstName: 'Ann', phone: numbers[0], tags: [tag], consent: smsConsent }),
        await contact({ firstName: 'Siôn', phone: numbers[1], language: 'cy', tags: [tag], consent: smsConsent }),
        await contact({
          firstName: 'Email only',
          email: `sms-email-${run}@example.org`,
          tags: [tag],
          consent: { email: { granted: true, source: 'web' } },
        }),
        await contact({ firstName: 'No consent', phone: numbers[2], tags: [tag] }),
      ];
      const segmentId = await segmentOf(tag);

      const wrongShape = await call('POST', '/campaigns', {
        role: 'staff',
        json: {
          name: 'x',
          channel: 'sms',
          audience: { segmentId },
          defaultLanguage: 'en',
          content: { en: { subject: 'S', html: 'H {{unsubscribeUrl}}', text: 'T {{unsubscribeUrl}}' } },
        },
      });
      expect(wrongShape.status).toBe(400);
      expect(wrongShape.body.error.issues).toContainEqual({
        path: 'body.content.en',
        message: 'an SMS is one text: {"text": "..."}',
      });

      const campaignId = await smsCampaign(segmentId, `SMS ${run}`);
      const counted = await call('GET', `/campaigns/${campaignId}/audience`, { role: 'staff' });
      expect(counted.body).toMatchObject({ eligible: 2, complete: true, sms: { segments: expect.any(Number) } });
      expect(counted.body.skipped).toMatchObject({ no_address: 1, no_consent: 1 });
      const preview = await call('GET', `/campaigns/${campaignId}/preview?contactId=${ids[1]}`, { role: 'staff' });
      expect(preview.body).toMatchObject({ channel: 'sms', language: 'cy', encoding: 'UCS-2', to: numbers[1] });
      expect(preview.body.nonGsmCharacters).toEqual(['ô']);
      expect(preview.body.text).toMatch(/^Helo Siôn, ymgynghoriad/);

      const staffPhone = mobile();
      expect(
        (await call('POST', `/campaigns/${campaignId}/test`, { role: 'staff', json: { addresses: ['not a number'] } }))
          .status,
      ).toBe(400);
      expect(
        (await call('POST', `/campaigns/${campaignId}/test`, { role: 'staff', json: { addresses: [staffPhone] } }))
          .status,
      ).toBe(200);
      expect((await smsOutbox([staffPhone]))[0]?.body).toMatch(/^\[Test\] Hi there,/);

      expect((await call('POST', `/campaigns/${campaignId}/send`, { role: 'manager' })).status).toBe(200);
      expect((await finished(campaignId)).counts).toMatchObject({ sent: 2, skipped: 2, failed: 0 });
      const sent = await smsOutbox(numbers);
      expect(sent.map((message) => message.destination).sort()).toEqual([numbers[0], numbers[1]].sort());
      expect(sent.find((message) => message.destination === numbers[0])?.body).toMatch(/^Hi Ann, /);
      expect(sent.every((message) => message.messageType === 'PROMOTIONAL')).toBe(true);

      // Ann replies STOP: her SMS consent is withdrawn, with the time and the reply as its source.
      expect((await reply(numbers[0] as string, 'stop please')).status).toBe(200);
      const ann = await eventually(
        'the STOP recorded',
        () => call('GET', `/contacts/${ids[0]}`, { role: 'viewer' }),
        (response) => response.body.consent.sms?.optOut === true,
      );
      expect(ann.body.consent.sms).toMatchObject({ granted: false, source: expect.stringContaining('“STOP”') });

      // Staff grant it again by mistake: the number's opt-out list still refuses the text.
      await call('PATCH', `/contacts/${ids[0]}`, {
        role: 'staff',
        json: { consent: { sms: { granted: true, source: 'phone call' } } },
      });
      const next = await smsCampaign(segmentId, `SMS again ${run}`);
      expect((await call('POST', `/campaigns/${next}/send`, { role: 'manager' })).status).toBe(200);
      expect((await finished(next)).counts).toMatchObject({ sent: 1, failed: 1 });
      const failed = (await deliveries(next)).find((delivery) => delivery.contactId === ids[0]);
      expect(failed).toMatchObject({ status: 'failed', reason: 'opted_out' });
      expect(await smsOutbox([numbers[0] as string])).toHaveLength(1);
    },
    IMPORT_TEST_MS,
  );
});
