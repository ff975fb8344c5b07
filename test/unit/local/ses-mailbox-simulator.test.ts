import { describe, expect, it } from 'vitest';
import { simulatedEvents } from '../../../local/stand-ins/ses-mailbox-simulator';

const message = (address: string) => ({
  messageId: 'm1',
  source: 'news@city.example',
  destination: [address],
  headers: [{ Name: 'List-Unsubscribe', Value: '<https://x/u/t>' }],
  tags: { campaign: ['c1'], contact: ['p1'] },
});

describe('the SES stand-in’s mailbox simulator', () => {
  it('delivers ordinary addresses, with the message’s tags and headers as SES publishes them', () => {
    const [event] = simulatedEvents([message('ann@example.org')]);
    expect(event).toMatchObject({
      eventType: 'Delivery',
      mail: { messageId: 'm1', tags: { campaign: ['c1'] }, headers: [{ name: 'List-Unsubscribe' }] },
      delivery: { recipients: ['ann@example.org'] },
    });
  });

  it('bounces bounce@ and suppressionlist@ permanently, labels after + included', () => {
    expect(simulatedEvents([message('bounce+run-1@simulator.amazonses.com')])).toEqual([
      expect.objectContaining({ eventType: 'Bounce', bounce: expect.objectContaining({ bounceType: 'Permanent' }) }),
    ]);
    expect(simulatedEvents([message('suppressionlist@simulator.amazonses.com')])[0]).toMatchObject({
      bounce: { bounceSubType: 'OnAccountSuppressionList' },
    });
  });

  it('delivers complaint@, then complains', () => {
    expect(simulatedEvents([message('complaint@simulator.amazonses.com')]).map((event) => event.eventType)).toEqual([
      'Delivery',
      'Complaint',
    ]);
  });
});
