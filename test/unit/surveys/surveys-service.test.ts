import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Contact } from '../../../shared/contacts/contact';
import type { ContactsRepository } from '../../../shared/contacts/contacts-repository';
import type { SegmentsRepository } from '../../../shared/segments/segments-repository';
import { type Survey, surveyBodySchema } from '../../../shared/surveys/survey';
import type { Invitation, SurveysRepository } from '../../../shared/surveys/surveys-repository';
import { SurveysService } from '../../../shared/surveys/surveys-service';
import { everyTypeSurvey } from '../../support/survey-fixtures';

const s3 = new S3Client({ region: 'eu-west-2', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
const s3Mock = mockClient(s3);

const survey: Survey = {
  ...(surveyBodySchema.parse(everyTypeSurvey()) as Survey),
  id: 'survey-1',
  status: 'open',
  createdBy: 'staff',
  createdAt: '2026-06-01T00:00:00Z',
  updatedAt: '2026-06-01T00:00:00Z',
  version: 2,
};
const contacts: Contact[] = Array.from({ length: 250 }, (_, i) => ({
  id: `contact-${String(i).padStart(3, '0')}`,
  ward: i % 2 ? 'North' : 'South',
  ...(i === 0 && { phone: '+447700900123' }),
  tags: [],
  consent: {},
  attributes: {},
  createdAt: '',
  updatedAt: '',
}));

function service(options: { counters?: Record<string, number>; contacts?: Contact[] } = {}) {
  const invited = new Map<string, Invitation>();
  const segmentContacts = options.contacts ?? contacts;
  const repository = {
    get: async () => survey,
    counters: async () => ({
      ...options.counters,
      ...Object.fromEntries([...invited.values()].map((invitation) => [`invited:ward:${invitation.ward}`, 1])),
    }),
    invitationsOf: async (_: string, ids: string[]) =>
      new Map(ids.filter((id) => invited.has(id)).map((id) => [id, invited.get(id) as Invitation])),
    invite: async (_: string, invitations: Invitation[]) => {
      for (const invitation of invitations) invited.set(invitation.contactId, invitation);
      return true;
    },
  } as unknown as SurveysRepository;
  const segments = { get: async () => ({ id: 'segment-1', filter: {} }) } as unknown as SegmentsRepository;
  const contactPages = {
    list: async (_: unknown, limit: number, cursor?: string) => {
      const start = cursor ? Number(cursor) : 0;
      const next = start + limit;
      return {
        items: segmentContacts.slice(start, next),
        ...(next < segmentContacts.length && { nextCursor: String(next) }),
      };
    },
  } as unknown as ContactsRepository;
  return {
    invited,
    surveys: new SurveysService(repository, segments, contactPages, s3, {
      bucket: 'files',
      citizenBaseUrl: 'https://consult.example.gov',
    }),
  };
}

describe('minting personal links', () => {
  beforeEach(() => {
    s3Mock.reset();
    s3Mock.on(PutObjectCommand).resolves({});
  });

  it('goes on from its cursor when time ran short, inviting each contact once', async () => {
    const { surveys, invited } = service();
    let pages = 0;
    const first = await surveys.mintLinks('survey-1', 'segment-1', { timeIsShort: () => ++pages >= 1 });
    expect(first).toMatchObject({ invited: 100, alreadyInvited: 0, nextCursor: '100' });
    const rest = await surveys.mintLinks('survey-1', 'segment-1', { cursor: first.nextCursor });
    expect(rest).toMatchObject({ invited: 150, alreadyInvited: 0 });
    expect(rest).not.toHaveProperty('nextCursor');
    expect(invited.size).toBe(250);
    const again = await surveys.mintLinks('survey-1', 'segment-1');
    expect(again).toMatchObject({ invited: 0, alreadyInvited: 250 });
  });

  it('writes the new links, with their tokens and full URLs, as CSV and JSON downloads', async () => {
    const { surveys } = service();
    const minted = await surveys.mintLinks('survey-1', 'segment-1');
    const files = s3Mock.commandCalls(PutObjectCommand).map((call) => call.args[0].input);
    expect(files.map((file) => file.Key)).toEqual([
      expect.stringMatching(/^survey-links\/survey-1\/links-.*\.csv$/),
      expect.stringMatching(/^survey-links\/survey-1\/links-.*\.json$/),
    ]);
    const { links } = JSON.parse(String(files[1]?.Body));
    expect(links).toHaveLength(250);
    expect(links[0].url).toBe(`https://consult.example.gov/s/${links[0].token}`);
    expect(String(files[0]?.Body).split('\r\n')).toHaveLength(252);
    // A phone is written as it is (no formula guard), so the column pastes into an SMS tool.
    expect(String(files[0]?.Body)).toContain(',+447700900123,');
    expect(minted.downloads.csv).toContain('X-Amz-Signature=');
    expect(s3Mock.commandCalls(GetObjectCommand)).toHaveLength(0);
  });

  describe('keeps the response rate’s breakdown within its share of a counter item', () => {
    /** Counters that already break the rate down by `count` wards of 40 characters. */
    const countersWithWards = (count: number) =>
      Object.fromEntries(Array.from({ length: count }, (_, i) => [`invited:ward:${`ward ${i}`.padEnd(40, '.')}`, 1]));
    const newWards = contacts.map((contact, i) => ({ ...contact, ward: `new ${i}` }));

    it('refuses to mint when the segment’s first page would pass it, saying why', async () => {
      const { surveys, invited } = service({ counters: countersWithWards(900), contacts: newWards });
      await expect(surveys.mintLinks('survey-1', 'segment-1')).rejects.toMatchObject({
        status: 409,
        message: expect.stringMatching(/distinct wards and languages/),
      });
      expect(invited.size).toBe(0);
    });

    it('hands over the links minted before the limit, with a cursor that then answers why', async () => {
      const { surveys, invited } = service({ counters: countersWithWards(850), contacts: newWards });
      const first = await surveys.mintLinks('survey-1', 'segment-1');
      expect(first).toMatchObject({ invited: 100, nextCursor: '100' });
      expect(invited.size).toBe(100);
      await expect(surveys.mintLinks('survey-1', 'segment-1', { cursor: first.nextCursor })).rejects.toMatchObject({
        status: 409,
      });
    });
  });
});
