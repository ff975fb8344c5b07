import { describe, expect, it } from 'vitest';
import { IMPORT_TEST_MS } from '../../support/eventually';
import { visitorAnswers } from '../../support/survey-fixtures';
import { call } from '../api-client';
import { citizen, createSurvey } from '../surveys-client';
import { consenting, contact, deliveries, finished, outboxFor, run, segmentOf } from './campaigns-client';

const invitation = {
  en: {
    subject: 'Your say on the park, {{firstName|neighbour}}',
    html: '<p><a href="{{surveyLink}}">Answer the survey</a></p><p><a href="{{unsubscribeUrl}}">Unsubscribe</a></p>',
    text: 'Answer: {{surveyLink}}\nUnsubscribe: {{unsubscribeUrl}}',
  },
};
const linkIn = (text: string | undefined) => /(https?:\/\/\S+\/s\/[A-Za-z0-9_-]{27})/.exec(text ?? '')?.[1];

async function campaign(json: Record<string, unknown>) {
  const created = await call('POST', '/campaigns', {
    role: 'staff',
    json: { name: `Survey campaign ${run}`, channel: 'email', defaultLanguage: 'en', content: invitation, ...json },
  });
  return created;
}

describe('survey invitations through campaigns', () => {
  it(
    'sends each invitee their own link, minted as it sends; a reminder reaches only those who have not answered, with the same link',
    async () => {
      const tag = `survey-${run}`;
      const addresses = [0, 1, 2].map((index) => `invitee${index}-${run}@example.org`);
      const ids = [];
      for (const email of addresses) ids.push(await contact({ email, tags: [tag], consent: consenting }));
      const segmentId = await segmentOf(tag);
      const survey = await createSurvey({}, false);

      const noLink = await campaign({
        audience: { segmentId },
        content: { en: { ...invitation.en, text: 'x {{unsubscribeUrl}}' } },
        surveyId: survey.id,
      });
      expect(noLink.status).toBe(400);
      expect(noLink.body.error.issues).toContainEqual({
        path: 'body.content.en.text',
        message: 'a survey invitation carries each person’s link: put {{surveyLink}} in it',
      });
      const noSurvey = await campaign({ audience: { segmentId } });
      expect(noSurvey.status).toBe(400);
      expect(JSON.stringify(noSurvey.body)).toContain('{{surveyLink}} needs a survey');

      const invite = await campaign({ audience: { segmentId }, surveyId: survey.id });
      expect(invite.status).toBe(201);
      // A draft survey cannot be answered: its invitations wait until it is open.
      expect((await call('POST', `/campaigns/${invite.body.id}/send`, { role: 'manager' })).status).toBe(409);
      expect((await call('POST', `/surveys/${survey.id}/open`, { role: 'manager' })).status).toBe(200);
      expect((await call('POST', `/campaigns/${invite.body.id}/send`, { role: 'manager' })).status).toBe(200);
      expect((await finished(invite.body.id)).counts).toMatchObject({ sent: 3, skipped: 0 });

      const invitations = await outboxFor(addresses);
      const links = new Map(invitations.map((email) => [email.destination.to[0], linkIn(email.body.text)]));
      expect(new Set(links.values()).size).toBe(3);
      for (const email of invitations) expect(email.body.html).toContain(`href="${linkIn(email.body.text)}"`);
      const firstLink = links.get(addresses[0]) as string;
      const opened = await citizen('GET', new URL(firstLink).pathname);
      expect(opened.status).toBe(200);
      const answered = await citizen('POST', new URL(firstLink).pathname, { json: { answers: visitorAnswers() } });
      expect(answered.status).toBe(201);
      const invited = await call('GET', `/surveys/${survey.id}/invitations?limit=100`, { role: 'staff' });
      expect(invited.body.items).toHaveLength(3);

      const reminder = await campaign({ audience: { surveyId: survey.id, invitees: 'notResponded' } });
      expect(reminder.status).toBe(201);
      expect((await call('POST', `/campaigns/${reminder.body.id}/send`, { role: 'manager' })).status).toBe(200);
      expect((await finished(reminder.body.id)).counts).toMatchObject({ sent: 2 });
      const reminders = (await outboxFor(addresses)).filter(
        (email) => !invitations.some((sent) => sent.messageId === email.messageId),
      );
      expect(reminders.map((email) => email.destination.to[0]).sort()).toEqual([addresses[1], addresses[2]].sort());
      for (const email of reminders) expect(linkIn(email.body.text)).toBe(links.get(email.destination.to[0] as string));
      const statuses = (await deliveries(reminder.body.id)).map((delivery) => delivery.contactId).sort();
      expect(statuses).toEqual([ids[1], ids[2]].sort());
    },
    IMPORT_TEST_MS,
  );
});
