import { describe, expect, it, vi } from 'vitest';
import type { ContactsRepository } from '../../../shared/contacts/contacts-repository';
import { METRIC, MetricUnit, metrics } from '../../../shared/core/observability/metrics';
import { AlreadyAnsweredError, CitizenSurveysService } from '../../../shared/surveys/citizen-surveys-service';
import { type Survey, surveyBodySchema } from '../../../shared/surveys/survey';
import { linkTokenHash, newLinkToken, personalResponseKey } from '../../../shared/surveys/survey-links';
import {
  ResponseRaceError,
  type StoredResponse,
  type SurveyLink,
  type SurveysRepository,
} from '../../../shared/surveys/surveys-repository';
import { everyTypeSurvey, visitorAnswers } from '../../support/survey-fixtures';

const now = new Date('2026-06-01T12:00:00Z');
const survey = (change: Partial<Survey> = {}): Survey => ({
  ...(surveyBodySchema.parse(everyTypeSurvey()) as Survey),
  id: '0193a3c0-0000-7000-8000-000000000001',
  status: 'open',
  createdBy: 'staff',
  createdAt: now.toISOString(),
  updatedAt: now.toISOString(),
  version: 2,
  ...change,
});

/** A repository that records what is read and written, with one personal link. */
function fakeRepository(options: { survey?: Survey; link?: Partial<SurveyLink>; races?: number } = {}) {
  const token = newLinkToken();
  const current = options.survey ?? survey();
  const link: SurveyLink = {
    tokenHash: linkTokenHash(token),
    surveyId: current.id,
    kind: 'personal',
    contactId: 'contact-1',
    ...options.link,
  };
  const reads: string[] = [];
  const saved: Parameters<SurveysRepository['saveResponse']>[0][] = [];
  let races = options.races ?? 0;
  let stored: StoredResponse | undefined;
  const repository = {
    getLink: async (hash: string) => {
      reads.push('link');
      return hash === link.tokenHash ? link : undefined;
    },
    get: async (id: string) => {
      reads.push(`survey ${id}`);
      return id === current.id ? current : undefined;
    },
    response: async () => stored,
    invitation: async () => ({
      contactId: 'contact-1',
      tokenHash: link.tokenHash,
      ward: 'North',
      responded: stored !== undefined,
      createdAt: '',
    }),
    saveResponse: async (input: Parameters<SurveysRepository['saveResponse']>[0]) => {
      if (races-- > 0) throw new ResponseRaceError();
      saved.push(input);
      stored = input.response;
    },
  } as unknown as SurveysRepository;
  const contacts = { get: async () => ({ contact: { language: 'cy' }, version: 1 }) } as unknown as ContactsRepository;
  return { service: new CitizenSurveysService(repository, contacts, () => now), token, reads, saved, survey: current };
}

const context = { acceptedLanguages: ['en'] };

describe('resolving a citizen link', () => {
  it('reads the same items for an unknown token as for a known one, so timing does not tell them apart', async () => {
    const known = fakeRepository();
    await known.service.view(known.token, context);
    const unknown = fakeRepository();
    await expect(unknown.service.view(newLinkToken(), context)).rejects.toMatchObject({ status: 404 });
    expect(unknown.reads).toEqual(['link', 'survey 00000000-0000-0000-0000-000000000000']);
    expect(known.reads.slice(0, 2)).toEqual(['link', `survey ${known.survey.id}`]);
  });

  it('refuses a malformed token before reading anything', async () => {
    const { service, reads } = fakeRepository();
    await expect(service.view('short', context)).rejects.toMatchObject({ status: 404 });
    expect(reads).toEqual([]);
  });

  it('answers 404 for a draft, 410 for a closed survey, an expired one or a revoked link', async () => {
    const draft = fakeRepository({ survey: survey({ status: 'draft' }) });
    await expect(draft.service.view(draft.token, context)).rejects.toMatchObject({ status: 404 });
    for (const setup of [
      { survey: survey({ status: 'closed' }) },
      { survey: survey({ closesAt: '2026-06-01T11:00:00Z' }) },
      { link: { revoked: true } },
    ]) {
      const gone = fakeRepository(setup);
      await expect(gone.service.view(gone.token, context)).rejects.toMatchObject({ status: 410 });
    }
    const scheduled = fakeRepository({ survey: survey({ opensAt: '2026-07-01T00:00:00Z' }) });
    expect((await scheduled.service.view(scheduled.token, context)).survey.status).toBe('scheduled');
    await expect(
      scheduled.service.submit(scheduled.token, { kind: 'json', answers: visitorAnswers() }, context),
    ).rejects.toMatchObject({ status: 403 });
  });

  it('shows the contact’s language unless the citizen picks another', async () => {
    const { service, token } = fakeRepository();
    expect((await service.view(token, context)).survey.language).toBe('cy');
    expect((await service.view(token, { ...context, chosenLanguage: 'en' })).survey.language).toBe('en');
  });
});

describe('submitting through a personal link', () => {
  it('saves the first answer with its counters and the responded mark, under a key only the token gives', async () => {
    const { service, token, saved } = fakeRepository();
    const counted = vi.spyOn(metrics, 'addMetric');
    const outcome = await service.submit(token, { kind: 'json', answers: visitorAnswers() }, context);
    expect(counted).toHaveBeenCalledWith(METRIC.surveySubmissions, MetricUnit.Count, 1);
    counted.mockRestore();
    expect(outcome.created).toBe(true);
    expect(saved[0]).toMatchObject({
      surveyVersion: 2,
      previousRevision: undefined,
      firstAnswerOf: { contactId: 'contact-1', ward: 'North' },
      response: { key: personalResponseKey(token), contactId: 'contact-1', revision: 1, via: 'personal' },
    });
    expect(saved[0]?.change).toMatchObject({ responses: 1, 'o:visits:yes': 1 });
  });

  it('saves an edit as the difference, and tries again when another save got there first', async () => {
    const { service, token, saved } = fakeRepository({ races: 2 });
    await service.submit(token, { kind: 'json', answers: visitorAnswers() }, context);
    const edit = await service.submit(token, { kind: 'json', answers: { visits: false, satisfaction: 4 } }, context);
    expect(edit.created).toBe(false);
    expect(saved).toHaveLength(2);
    expect(saved[1]).toMatchObject({ previousRevision: 1, firstAnswerOf: undefined, response: { revision: 2 } });
    expect(saved[1]?.change).toMatchObject({ 'o:visits:yes': -1, 'o:visits:no': 1, 'n:how_often': -1 });
    expect(saved[1]?.change).not.toHaveProperty('responses');
    expect(saved[1]?.change).not.toHaveProperty('s:satisfaction');
  });

  it('keeps no contact on the response of an anonymous survey, under a key no token leads to', async () => {
    const { service, token, saved } = fakeRepository({ survey: survey({ anonymous: true }) });
    const first = await service.submit(token, { kind: 'json', answers: visitorAnswers() }, context);
    expect(saved[0]?.response).not.toHaveProperty('contactId');
    expect(saved[0]?.firstAnswerOf).toMatchObject({ contactId: 'contact-1' });
    const key = saved[0]?.response.key as string;
    expect(key).not.toBe(personalResponseKey(token));
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.survey).toMatchObject({ editable: false, answered: true });
    expect(first.survey).not.toHaveProperty('response');
  });

  it('takes one response per personal link of an anonymous survey, and says so when the link is opened again', async () => {
    const { service, token, saved } = fakeRepository({ survey: survey({ anonymous: true }) });
    const fresh = await service.view(token, context);
    expect(fresh.survey).toMatchObject({ editable: false, answered: false });
    await service.submit(token, { kind: 'json', answers: visitorAnswers() }, context);
    await expect(service.submit(token, { kind: 'json', answers: visitorAnswers() }, context)).rejects.toBeInstanceOf(
      AlreadyAnsweredError,
    );
    expect(saved).toHaveLength(1);
    const reopened = await service.view(token, context);
    expect(reopened.survey).toMatchObject({ answered: true });
    expect(reopened.survey).not.toHaveProperty('response');
  });

  it('refuses invalid answers with a message per question, writing nothing', async () => {
    const { service, token, saved } = fakeRepository();
    await expect(service.submit(token, { kind: 'json', answers: { visits: 'maybe' } }, context)).rejects.toMatchObject({
      status: 400,
      issues: [
        { path: 'body.answers.visits', message: 'expected yes (true) or no (false)' },
        { path: 'body.answers.satisfaction', message: 'an answer is required' },
      ],
    });
    expect(saved).toEqual([]);
  });
});
