import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { linkTokenHash, personalResponseKey } from '../../../shared/surveys/survey-links';
import { everyTypeSurvey, visitorAnswers } from '../../support/survey-fixtures';
import { call } from '../api-client';
import { localBucket, localDocumentClient, localS3Client, localTableName } from '../local-clients';
import { citizen, createSurvey, type MintedLink, mintLinks, wardWithContacts } from '../surveys-client';

const run = Date.now().toString(36);
const table = localDocumentClient();
const surveyItems = async (surveyId: string) =>
  (
    await table.send(
      new QueryCommand({
        TableName: localTableName(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `SURVEY#${surveyId}` },
      }),
    )
  ).Items ?? [];

const nonVisitor = { visits: false, why_not: 'Too far away', satisfaction: 2 };

describe('surveys: staff side', () => {
  it('lets each role do its part of the lifecycle', async () => {
    expect((await call('POST', '/surveys', { role: 'viewer', json: everyTypeSurvey() })).status).toBe(403);
    const draft = await call('POST', '/surveys', { role: 'staff', json: everyTypeSurvey() });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ status: 'draft', version: 1, anonymous: false });
    const id = draft.body.id;

    const edited = await call('PUT', `/surveys/${id}`, {
      role: 'staff',
      json: everyTypeSurvey({ title: { en: 'Riverside park: your say' } }),
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ version: 2, title: { en: 'Riverside park: your say' } });

    expect((await call('POST', `/surveys/${id}/open`, { role: 'staff' })).status).toBe(403);
    const opened = await call('POST', `/surveys/${id}/open`, { role: 'manager' });
    expect(opened.body).toMatchObject({ status: 'open', version: 3 });
    expect((await call('POST', `/surveys/${id}/open`, { role: 'manager' })).status).toBe(409);

    const staffEdit = await call('PUT', `/surveys/${id}`, { role: 'staff', json: everyTypeSurvey() });
    expect(staffEdit.status).toBe(403);
    expect((await call('GET', `/surveys/${id}`, { role: 'viewer' })).body.status).toBe('open');
    // Listed newest first, as a summary: no sections, how many questions.
    const listed = await call('GET', '/surveys?limit=5', { role: 'viewer' });
    const summary = listed.body.items.find((survey: { id: string }) => survey.id === id);
    expect(summary).toMatchObject({ id, status: 'open', questions: expect.any(Number) });
    expect(summary).not.toHaveProperty('sections');

    const closed = await call('POST', `/surveys/${id}/close`, { role: 'manager' });
    expect(closed.body).toMatchObject({ status: 'closed' });
    const afterClose = await call('PUT', `/surveys/${id}`, { role: 'manager', json: everyTypeSurvey() });
    expect(afterClose.status).toBe(409);
    // Opening it again says it cannot be, and what to do instead.
    const reopened = await call('POST', `/surveys/${id}/open`, { role: 'manager' });
    expect(reopened.status).toBe(409);
    expect(reopened.body.error.message).toBe(
      'A closed survey cannot be reopened: its answers are final. Duplicate it (POST /surveys/{id}/duplicate) to run it again.',
    );
    expect((await call('GET', `/surveys/${crypto.randomUUID()}`, { role: 'viewer' })).status).toBe(404);
  });

  it('refuses a definition that cannot work, with a message per field', async () => {
    const body = everyTypeSurvey({ defaultLanguage: 'fr' });
    (body.sections[0]?.questions[1] as Record<string, unknown>).showIf = {
      questionId: 'comments',
      operator: 'equals',
      value: 'x',
    };
    const refused = await call('POST', '/surveys', { role: 'staff', json: body });
    expect(refused.status).toBe(400);
    expect(refused.body.error.issues).toEqual(
      expect.arrayContaining([
        { path: 'body.defaultLanguage', message: 'must be one of languages' },
        { path: 'body.sections.0.questions.1.showIf.questionId', message: 'must name an earlier question' },
      ]),
    );
  });
});

describe('surveys: personal links', () => {
  it('mints one link per contact of a segment, exported once, in the contact’s language', async () => {
    const ward = `Links ${run}`;
    const { contactIds, segmentId } = await wardWithContacts(5, ward, (index) =>
      index === 0 ? { language: 'cy' } : {},
    );
    const survey = await createSurvey();
    const minted = await mintLinks(survey.id, segmentId);
    expect(minted).toMatchObject({ invited: 5, alreadyInvited: 0 });
    expect(minted.links.map((link) => link.contactId).sort()).toEqual([...contactIds].sort());
    for (const link of minted.links) {
      expect(link.token).toMatch(/^[A-Za-z0-9_-]{27}$/);
      expect(link.url).toBe(`${inject('apiUrl')}/s/${link.token}`);
    }
    expect(minted.csv.split('\r\n')[0]).toBe('contactId,firstName,lastName,email,phone,language,ward,token,url');

    // Tokens are stored only as hashes.
    const stored = JSON.stringify(await surveyItems(survey.id));
    for (const link of minted.links) expect(stored).not.toContain(link.token);

    const again = await mintLinks(survey.id, segmentId);
    expect(again).toMatchObject({ invited: 0, alreadyInvited: 5 });

    const welsh = minted.links.find((link) => link.contactId === contactIds[0]) as { token: string };
    const english = minted.links.find((link) => link.contactId !== contactIds[0]) as { token: string };
    const inWelsh = await citizen('GET', `/s/${welsh.token}`, { headers: { 'accept-language': 'en' } });
    expect(inWelsh.status).toBe(200);
    expect(inWelsh.body).toMatchObject({ language: 'cy', title: 'Cynlluniau parc glan yr afon', editable: true });
    // A missing translation falls back to the default language.
    expect(inWelsh.body.sections[0].title).toBe('About your visits');
    const byHeader = await citizen('GET', `/s/${english.token}`, { headers: { 'accept-language': 'cy, en;q=0.5' } });
    expect(byHeader.body.language).toBe('cy');
    const byChoice = await citizen('GET', `/s/${welsh.token}?lang=en`);
    expect(byChoice.body).toMatchObject({ language: 'en', title: 'Riverside park plans' });
    expect(byChoice.body).not.toHaveProperty('createdBy');
  });

  it('issues again, as a fresh download, the same links of invitees who have not answered', async () => {
    const ward = `Reissue ${run}`;
    const { contactIds, segmentId } = await wardWithContacts(4, ward);
    const [answered, revoked, deleted, waiting] = contactIds as [string, string, string, string];
    const survey = await createSurvey();
    const first = await mintLinks(survey.id, segmentId);
    const tokenOf = (contactId: string) =>
      (first.links.find((link) => link.contactId === contactId) as { token: string }).token;
    expect((await citizen('POST', `/s/${tokenOf(answered)}`, { json: { answers: visitorAnswers() } })).status).toBe(
      201,
    );
    expect((await call('DELETE', `/surveys/${survey.id}/links/${revoked}`, { role: 'manager' })).status).toBe(204);
    expect((await call('DELETE', `/contacts/${deleted}`, { role: 'manager' })).status).toBe(204);
    // One more invitee, minted into a second file that is then past its retention.
    const late = await call('POST', '/contacts', { role: 'staff', json: { email: `late.${run}@example.org`, ward } });
    await mintLinks(survey.id, segmentId);
    const lateInvitation = (await surveyItems(survey.id)).find((item) => item.sk === `INVITE#${late.body.id}`);
    await localS3Client().send(new DeleteObjectCommand({ Bucket: localBucket(), Key: lateInvitation?.linkFile }));

    expect((await call('POST', `/surveys/${survey.id}/unanswered-links`, { role: 'staff', json: {} })).status).toBe(
      403,
    );
    const again = await call('POST', `/surveys/${survey.id}/unanswered-links`, { role: 'manager', json: {} });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body).toMatchObject({ reissued: 1, unavailable: { fileGone: 1, contactGone: 1 } });
    const { links } = (await (await fetch(again.body.downloads.json)).json()) as { links: MintedLink[] };
    expect(links).toEqual([expect.objectContaining({ contactId: waiting, token: tokenOf(waiting), ward })]);
    const csv = (await (await fetch(again.body.downloads.csv)).text()).trimEnd().split('\r\n');
    expect(csv).toHaveLength(2);
    expect(csv[1]).toContain(`${inject('apiUrl')}/s/${tokenOf(waiting)}`);
    // The link given again is the one already sent: it still opens the survey.
    expect((await citizen('GET', `/s/${tokenOf(waiting)}`)).status).toBe(200);

    await call('POST', `/surveys/${survey.id}/close`, { role: 'manager' });
    expect((await call('POST', `/surveys/${survey.id}/unanswered-links`, { role: 'manager', json: {} })).status).toBe(
      409,
    );
  });

  it('takes one response per link, editable until close, with results exact after the edit', async () => {
    const ward = `Answers ${run}`;
    const { segmentId } = await wardWithContacts(3, ward);
    const survey = await createSurvey();
    const { links } = await mintLinks(survey.id, segmentId);
    const [first, second] = links as unknown as [{ token: string }, { token: string }];

    const refused = await citizen('POST', `/s/${first.token}`, {
      json: { answers: { visits: true, how_often: 'hourly', why_not: 'x' } },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.issues).toEqual([
      { path: 'body.answers.how_often', message: 'not an option of this question: hourly' },
      { path: 'body.answers.why_not', message: 'not asked for your earlier answers: leave it unanswered' },
      { path: 'body.answers.satisfaction', message: 'an answer is required' },
    ]);

    const created = await citizen('POST', `/s/${first.token}`, { json: { answers: visitorAnswers() } });
    expect(created.status).toBe(201);
    expect(created.body.response.answers).toEqual(visitorAnswers());
    expect((await citizen('POST', `/s/${second.token}`, { json: { answers: visitorAnswers() } })).status).toBe(201);
    const edited = await citizen('POST', `/s/${first.token}`, { json: { answers: nonVisitor } });
    expect(edited.status).toBe(200);
    expect((await citizen('GET', `/s/${first.token}`)).body.response.answers).toEqual(nonVisitor);

    const results = await call('GET', `/surveys/${survey.id}/results`, { role: 'viewer' });
    expect(results.status).toBe(200);
    expect(results.body.responses).toBe(2);
    expect(results.body.distribution).toEqual({
      invited: 3,
      responded: 2,
      rate: 66.7,
      byWard: [{ ward, invited: 3, responded: 2, rate: 66.7 }],
      byLanguage: [{ language: '(no language)', invited: 3, responded: 2, rate: 66.7 }],
    });
    // Reminders reach only those who have not answered.
    const waiting = await call('GET', `/surveys/${survey.id}/invitations?responded=false`, { role: 'viewer' });
    expect(waiting.status).toBe(200);
    expect(waiting.body.items).toHaveLength(1);
    expect(waiting.body.items[0]).toMatchObject({ ward, responded: false });
    expect(waiting.body.items[0]).not.toHaveProperty('tokenHash');
    const all = await call('GET', `/surveys/${survey.id}/invitations?limit=2`, { role: 'viewer' });
    const rest = await call('GET', `/surveys/${survey.id}/invitations?limit=2&cursor=${all.body.nextCursor}`, {
      role: 'viewer',
    });
    expect([...all.body.items, ...rest.body.items]).toHaveLength(3);
    const question = (id: string) => results.body.questions.find((entry: { id: string }) => entry.id === id);
    expect(question('visits').options).toEqual([
      { id: 'yes', label: 'yes', count: 1, percent: 50 },
      { id: 'no', label: 'no', count: 1, percent: 50 },
    ]);
    expect(question('satisfaction')).toMatchObject({ answered: 2, average: 3, sum: 6 });
    expect(question('how_often').answered).toBe(1);

    const texts = await call('GET', `/surveys/${survey.id}/questions/why_not/answers?limit=10`, { role: 'viewer' });
    expect(texts.body.items.map((item: { text: string }) => item.text)).toEqual(['Too far away']);

    // Contact-linked survey: the response names its contact.
    const items = await surveyItems(survey.id);
    expect(items.filter((item) => String(item.sk).startsWith('RESPONSE#')).every((item) => item.contactId)).toBe(true);
  });

  it('freezes what answers depend on once a response exists, and lets staff duplicate instead', async () => {
    const { segmentId } = await wardWithContacts(1, `Frozen ${run}`);
    const survey = await createSurvey();
    const [link] = (await mintLinks(survey.id, segmentId)).links as unknown as [{ token: string }];
    expect((await citizen('POST', `/s/${link.token}`, { json: { answers: visitorAnswers() } })).status).toBe(201);

    const breaking = everyTypeSurvey();
    (breaking.sections[1] as { questions: unknown[] }).questions.splice(4, 1);
    const refused = await call('PUT', `/surveys/${survey.id}`, { role: 'manager', json: breaking });
    expect(refused.status).toBe(409);
    expect(refused.body.error.reasons).toEqual(['question comments was removed']);

    const wording = await call('PUT', `/surveys/${survey.id}`, {
      role: 'manager',
      json: everyTypeSurvey({ title: { en: 'Riverside park: last call', cy: 'Parc' } }),
    });
    expect(wording.status).toBe(200);

    const copy = await call('POST', `/surveys/${survey.id}/duplicate`, { role: 'staff' });
    expect(copy.status).toBe(201);
    expect(copy.body).toMatchObject({
      status: 'draft',
      duplicatedFrom: survey.id,
      title: { en: 'Riverside park: last call' },
    });
    expect((await call('PUT', `/surveys/${copy.body.id}`, { role: 'staff', json: breaking })).status).toBe(200);
  });

  it('answers 404 for unknown and malformed tokens alike, 410 once closed or revoked', async () => {
    const { segmentId, contactIds } = await wardWithContacts(2, `Gone ${run}`);
    const draft = await createSurvey({}, false);
    const { links } = await mintLinks(draft.id, segmentId);
    const [first, second] = links as unknown as [
      { token: string; contactId: string },
      { token: string; contactId: string },
    ];
    // Not open yet: the link leads nowhere.
    expect((await citizen('GET', `/s/${first.token}`)).status).toBe(404);

    const unknown = await citizen('GET', `/s/${'A'.repeat(27)}`);
    const malformed = await citizen('GET', '/s/not-a-token');
    expect(unknown.status).toBe(404);
    expect(malformed.status).toBe(404);
    expect(unknown.body).toEqual(malformed.body);

    await call('POST', `/surveys/${draft.id}/open`, { role: 'manager' });
    expect((await citizen('GET', `/s/${first.token}`)).status).toBe(200);

    expect((await call('DELETE', `/surveys/${draft.id}/links/${second.contactId}`, { role: 'manager' })).status).toBe(
      204,
    );
    expect((await call('DELETE', `/surveys/${draft.id}/links/${second.contactId}`, { role: 'manager' })).status).toBe(
      404,
    );
    expect((await citizen('GET', `/s/${second.token}`)).status).toBe(410);
    const results = await call('GET', `/surveys/${draft.id}/results`, { role: 'viewer' });
    expect(results.body.distribution.invited).toBe(1);
    expect(contactIds).toContain(second.contactId);

    await call('POST', `/surveys/${draft.id}/close`, { role: 'manager' });
    expect((await citizen('GET', `/s/${first.token}`)).status).toBe(410);
    const late = await citizen('POST', `/s/${first.token}`, { json: { answers: visitorAnswers() } });
    expect(late.status).toBe(410);
    expect(late.body.error.code).toBe('gone');
  });
});

describe('surveys: anonymity and the public link', () => {
  it('keeps nothing that ties an anonymous answer to its contact, only the responded mark', async () => {
    const { segmentId, contactIds } = await wardWithContacts(2, `Anonymous ${run}`);
    const survey = await createSurvey({ anonymous: true });
    const { links } = await mintLinks(survey.id, segmentId);
    const [link] = links as unknown as [{ token: string; contactId: string }];
    expect((await citizen('POST', `/s/${link.token}`, { json: { answers: visitorAnswers() } })).status).toBe(201);
    const again = await citizen('POST', `/s/${link.token}`, { json: { answers: nonVisitor } });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/already given its answers/);
    const reopened = await citizen('GET', `/s/${link.token}`);
    expect(reopened.body).toMatchObject({ answered: true, editable: false });
    expect(reopened.body).not.toHaveProperty('response');

    const items = await surveyItems(survey.id);
    const responses = items.filter((item) => String(item.sk).startsWith('RESPONSE#'));
    expect(responses).toHaveLength(1);
    const response = JSON.stringify(responses[0]);
    for (const id of contactIds) expect(response).not.toContain(id);
    expect(response).not.toContain(linkTokenHash(link.token));
    expect(response).not.toContain(personalResponseKey(link.token));
    const invitation = items.find((item) => item.sk === `INVITE#${link.contactId}`);
    expect(invitation).toMatchObject({ responded: true });
    expect(JSON.stringify(invitation)).not.toContain(String(responses[0]?.sk).slice('RESPONSE#'.length));
  });

  it('gives whoever holds the link file, the invitations and the export nothing that ties an answer to a person', async () => {
    // Six English speakers and one Welsh speaker, all answering: the attack the security review made.
    const { segmentId } = await wardWithContacts(7, `Unlinkable ${run}`, (index) => ({
      language: index === 0 ? 'cy' : 'en',
    }));
    const survey = await createSurvey({ anonymous: true });
    const { links } = await mintLinks(survey.id, segmentId);
    for (const [index, link] of links.entries())
      expect(
        (await citizen('POST', `/s/${link.token}`, { json: { answers: { ...visitorAnswers(), play_age: index } } }))
          .status,
      ).toBe(201);

    const exported = await call('POST', `/surveys/${survey.id}/exports`, { role: 'manager' });
    const [header, ...rows] = (await (await fetch(exported.body.url)).text()).trim().split('\r\n') as [
      string,
      ...string[],
    ];
    expect(header.split(',').slice(0, 3)).toEqual(['via', 'language', 'visits']);
    expect(rows).toHaveLength(7);
    const exportedText = rows.join('\n');
    for (const link of links) {
      expect(exportedText).not.toContain(personalResponseKey(link.token));
      expect(exportedText).not.toContain(link.contactId);
    }
    expect(exportedText).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    // The lone Welsh speaker's row cannot be told apart: Welsh is hidden, and English with it.
    expect(rows.every((row) => row.startsWith('personal,(suppressed),'))).toBe(true);

    const responded = await call('GET', `/surveys/${survey.id}/invitations?responded=true&limit=50`, {
      role: 'viewer',
    });
    expect(responded.body.items).toHaveLength(7);
    for (const item of responded.body.items) expect(item).toMatchObject({ language: '(suppressed)' });
    expect(new Set(responded.body.items.map((item: { ward: string }) => item.ward))).toEqual(
      new Set([`Unlinkable ${run}`]),
    );

    const results = await call('GET', `/surveys/${survey.id}/results`, { role: 'viewer' });
    expect(results.body.distribution.byLanguage).toEqual([
      { language: 'cy', invited: 1, responded: null, rate: null, suppressed: true },
      { language: 'en', invited: 6, responded: null, rate: null, suppressed: true },
    ]);
    expect(results.body.distribution.byWard).toEqual([
      { ward: `Unlinkable ${run}`, invited: 7, responded: 7, rate: 100 },
    ]);

    const texts = await call('GET', `/surveys/${survey.id}/questions/comments/answers`, { role: 'viewer' });
    for (const item of texts.body.items) expect(item).not.toHaveProperty('updatedAt');

    const change = await call('PUT', `/surveys/${survey.id}`, {
      role: 'manager',
      json: everyTypeSurvey({ anonymous: false }),
    });
    expect(change.status).toBe(409);
    expect(change.body.error.reasons).toContain('the survey’s anonymity changed');
  });

  it('takes anonymous answers through the public link, one per device when the survey asks', async () => {
    const survey = await createSurvey();
    expect(
      (await call('PUT', `/surveys/${survey.id}/public-link`, { role: 'staff', json: { onePerDevice: true } })).status,
    ).toBe(403);
    const enabled = await call('PUT', `/surveys/${survey.id}/public-link`, {
      role: 'manager',
      json: { onePerDevice: true },
    });
    expect(enabled.status).toBe(200);
    const token = enabled.body.publicLink.token as string;

    const opened = await citizen('GET', `/s/${token}`);
    expect(opened.status).toBe(200);
    const cookie = (opened.headers.get('set-cookie') ?? '').split(';')[0] as string;
    expect(cookie).toMatch(/^vx_device=[A-Za-z0-9_-]{27}\.[A-Za-z0-9_-]{22}$/);
    expect(opened.headers.get('set-cookie')).toMatch(/HttpOnly; Secure; SameSite=Lax/);
    const first = await citizen('POST', `/s/${token}`, { json: { answers: visitorAnswers() }, headers: { cookie } });
    const again = await citizen('POST', `/s/${token}`, { json: { answers: nonVisitor }, headers: { cookie } });
    expect([first.status, again.status]).toEqual([201, 200]);

    // No device token, or one the server did not issue: refused, so a client cannot invent one per answer.
    const [issued] = cookie.slice('vx_device='.length).split('.') as [string];
    const invented = [undefined, `${'A'.repeat(27)}.${'B'.repeat(22)}`, `${issued}.${'B'.repeat(22)}`, 'x'];
    for (const device of invented) {
      const refused = await citizen('POST', `/s/${token}`, {
        json: { answers: nonVisitor },
        ...(device && { headers: { 'x-voxcitio-device': device } }),
      });
      expect(refused.status).toBe(400);
      expect(refused.body.error.issues[0].path).toBe('headers.x-voxcitio-device');
    }

    // A frontend on another site, where the cookie does not travel, gets the token as JSON and sends it back.
    const otherDevice = await citizen('GET', `/s/${token}`);
    const header = { 'x-voxcitio-device': otherDevice.body.deviceToken as string };
    const sameDevice = await citizen('POST', `/s/${token}`, { json: { answers: nonVisitor }, headers: header });
    expect(sameDevice.status).toBe(201);
    expect(sameDevice.body).not.toHaveProperty('deviceToken');
    expect((await citizen('POST', `/s/${token}`, { json: { answers: nonVisitor }, headers: header })).status).toBe(200);

    const results = await call('GET', `/surveys/${survey.id}/results`, { role: 'viewer' });
    expect(results.body.responses).toBe(2);
    expect(results.body.questions[0].options.map((option: { count: number }) => option.count)).toEqual([0, 2]);

    // Without the per-device rule, each submission is a response of its own.
    await call('PUT', `/surveys/${survey.id}/public-link`, { role: 'manager', json: { onePerDevice: false } });
    await citizen('POST', `/s/${token}`, { json: { answers: nonVisitor }, headers: { cookie } });
    await citizen('POST', `/s/${token}`, { json: { answers: nonVisitor }, headers: { cookie } });
    expect((await call('GET', `/surveys/${survey.id}/results`, { role: 'viewer' })).body.responses).toBe(4);
  });
});

describe('surveys: export', () => {
  it('writes a row per response and a column per question or option, with formulas neutralised', async () => {
    const { segmentId } = await wardWithContacts(2, `Export ${run}`);
    const survey = await createSurvey();
    const [a, b] = (await mintLinks(survey.id, segmentId)).links as unknown as [{ token: string }, { token: string }];
    await citizen('POST', `/s/${a.token}`, { json: { answers: { ...visitorAnswers(), comments: 'More bins' } } });
    await citizen('POST', `/s/${b.token}`, { json: { answers: { ...nonVisitor, why_not: '=HYPERLINK("x")' } } });

    expect((await call('POST', `/surveys/${survey.id}/exports`, { role: 'staff' })).status).toBe(403);
    const exported = await call('POST', `/surveys/${survey.id}/exports`, { role: 'manager' });
    expect(exported.status).toBe(200);
    expect(exported.body.responses).toBe(2);
    const [header, ...rows] = (await (await fetch(exported.body.url)).text()).trim().split('\r\n') as [
      string,
      ...string[],
    ];
    expect(header.split(',')).toEqual([
      'response',
      'contactId',
      'via',
      'language',
      'submittedAt',
      'updatedAt',
      'visits',
      'how_often',
      'why_not',
      'activities.walk',
      'activities.run',
      'activities.play',
      'activities.picnic',
      'play_age',
      'satisfaction',
      'priorities.toilets',
      'priorities.lighting',
      'priorities.benches',
      'facilities.paths',
      'facilities.cafe',
      'last_visit',
      'comments',
    ]);
    const visitor = rows.find((row) => row.includes(',yes,')) as string;
    expect(visitor.split(',').slice(6)).toEqual([
      'yes',
      'weekly',
      '',
      '1',
      '0',
      '1',
      '0',
      '7',
      '4',
      '2',
      '1',
      '3',
      'good',
      'ok',
      '2026-10-03',
      'More bins',
    ]);
    expect(rows.find((row) => row.includes(',no,'))).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
