import type { S3Client } from '@aws-sdk/client-s3';
import { v7 as uuidv7 } from 'uuid';
import type { Contact } from '../contacts/contact';
import type { ContactsRepository } from '../contacts/contacts-repository';
import { ConflictError, ForbiddenError, NotFoundError } from '../core/errors';
import { surveyLinksKey } from '../core/files/buckets';
import type { Caller } from '../core/http/auth';
import { roleSatisfies } from '../core/http/role-names';
import { retrying } from '../core/retry';
import type { SegmentsRepository } from '../segments/segments-repository';
import { DEFAULT_MINIMUM_CELL } from './small-cells';
import { allQuestions, breakingChanges, type Survey, type SurveyBody } from './survey';
import { addRateValues, rateValuesOf } from './survey-counter-bound';
import { randomShard } from './survey-counter-updates';
import { responsesCsv } from './survey-export';
import { SurveyFileWriter } from './survey-file-writer';
import { SurveyInvitationsService } from './survey-invitations-service';
import { type InvitationPage, linkTokenHash, type MintedLinks, newLinkToken } from './survey-links';
import { buildResults, invitationsWithSmallCellsHidden, type SurveyExport, type SurveyResults } from './survey-results';
import { fitsItsItem } from './survey-size';
import { type SurveySummaryPage, surveySummary } from './survey-summary';
import { ResponsesExistError, SurveyChangedError, type SurveysRepository } from './surveys-repository';

export interface SurveysServiceOptions {
  bucket: string;
  /** Where citizen links are served, such as https://consult.example.gov; links are exported as full URLs. */
  citizenBaseUrl?: string;
  /** Anonymous surveys: breakdown cells with fewer respondents are suppressed (small-cells.ts). */
  minimumCell?: number;
  now?: () => Date;
}

/** Staff's side of surveys: build, change within what answers allow, open and close, distribute, read results. */
export class SurveysService {
  private readonly now: () => Date;
  private readonly files: SurveyFileWriter;
  private readonly minimumCell: number;
  private readonly inviter: SurveyInvitationsService;

  constructor(
    private readonly surveys: SurveysRepository,
    private readonly segments: SegmentsRepository,
    private readonly contacts: ContactsRepository,
    readonly s3: S3Client,
    readonly options: SurveysServiceOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.minimumCell = options.minimumCell ?? DEFAULT_MINIMUM_CELL;
    this.inviter = new SurveyInvitationsService(surveys, this.now);
    this.files = new SurveyFileWriter(s3, {
      bucket: options.bucket,
      now: this.now,
      citizenBaseUrl: options.citizenBaseUrl,
    });
  }

  async create(caller: Caller, body: SurveyBody, duplicatedFrom?: string): Promise<Survey> {
    const now = this.now().toISOString();
    const survey: Survey = {
      ...body,
      id: uuidv7(),
      status: 'draft',
      createdBy: caller.subject,
      createdAt: now,
      updatedAt: now,
      version: 1,
      ...(duplicatedFrom && { duplicatedFrom }),
    };
    fitsItsItem(survey);
    await this.surveys.create(survey);
    return survey;
  }

  async get(id: string): Promise<Survey> {
    const survey = await this.surveys.get(id);
    if (!survey) throw new NotFoundError(`No survey with id ${id}.`);
    return survey;
  }

  /** Surveys, newest first, a page at a time, as summaries: a listing never carries whole definitions. */
  async list(limit: number, cursor?: string): Promise<SurveySummaryPage> {
    const page = await this.surveys.list(limit, cursor);
    return { ...page, items: page.items.map(surveySummary) };
  }

  /**
   * Replaces the definition. Staff edit drafts; an open survey needs a manager. Once a response exists, a change
   * that would invalidate answers is refused with the reasons, and the survey can be duplicated instead.
   */
  async update(caller: Caller, id: string, body: SurveyBody): Promise<Survey> {
    const current = await this.get(id);
    if (current.status !== 'draft' && !roleSatisfies(caller.role, 'manager'))
      throw new ForbiddenError(`The survey is ${current.status}: changing it needs the manager role.`);
    if (current.status === 'closed') throw new ConflictError('A closed survey cannot change; duplicate it instead.');
    const reasons = breakingChanges(current, body);
    const next: Survey = { ...current, ...body, updatedAt: this.now().toISOString(), version: current.version + 1 };
    if (body.description === undefined) delete next.description;
    if (body.opensAt === undefined) delete next.opensAt;
    if (body.closesAt === undefined) delete next.closesAt;
    fitsItsItem(next);
    try {
      await this.surveys.replace(current, next, { onlyWithoutResponses: reasons.length > 0 });
    } catch (error) {
      if (error instanceof ResponsesExistError)
        throw new ConflictError(
          'The survey has responses, and this change would invalidate them; duplicate it instead.',
          {
            reasons,
          },
        );
      if (error instanceof SurveyChangedError) throw changedMeanwhile();
      throw error;
    }
    return next;
  }

  /** A new draft with the same definition and no responses or links. */
  async duplicate(caller: Caller, id: string): Promise<Survey> {
    const { title, description, languages, defaultLanguage, anonymous, sections } = await this.get(id);
    return this.create(
      caller,
      { title, description, languages, defaultLanguage, anonymous, sections } as SurveyBody,
      id,
    );
  }

  async open(id: string): Promise<Survey> {
    const current = await this.get(id);
    if (current.status === 'closed')
      throw new ConflictError(
        'A closed survey cannot be reopened: its answers are final. Duplicate it (POST /surveys/{id}/duplicate) to run it again.',
      );
    if (current.status !== 'draft') throw new ConflictError(`The survey is already ${current.status}.`);
    const now = this.now().toISOString();
    return this.transition(current, { status: 'open', openedAt: now });
  }

  async close(id: string): Promise<Survey> {
    const current = await this.get(id);
    if (current.status !== 'open')
      throw new ConflictError(`Only an open survey can close; this one is ${current.status}.`);
    return this.transition(current, { status: 'closed', closedAt: this.now().toISOString() });
  }

  /** Turns on the survey's public link (a new token the first time) or changes its one-response-per-device rule. */
  async setPublicLink(id: string, onePerDevice: boolean): Promise<Survey> {
    const current = await this.get(id);
    if (current.status === 'closed') throw new ConflictError('The survey is closed.');
    const now = this.now().toISOString();
    if (current.publicLink) return this.transition(current, { publicLink: { ...current.publicLink, onePerDevice } });
    const token = newLinkToken();
    const next = this.changed(current, { publicLink: { token, onePerDevice, createdAt: now } });
    try {
      await this.surveys.replace(current, next, {
        onlyWithoutResponses: false,
        newLink: { tokenHash: linkTokenHash(token), surveyId: id, kind: 'public' },
      });
    } catch (error) {
      if (error instanceof SurveyChangedError) throw changedMeanwhile();
      throw error;
    }
    return next;
  }

  /**
   * Mints one personal link per contact of the segment who has none yet for this survey, and writes them to a
   * CSV and a JSON file offered as downloads: the tokens exist nowhere else. A large segment is minted over
   * several calls: when `timeIsShort` says so after a page, the answer carries `nextCursor`, and the same call
   * with that cursor goes on from there (contacts invited meanwhile are skipped either way).
   */
  async mintLinks(
    id: string,
    segmentId: string,
    options: { cursor?: string; timeIsShort?: () => boolean } = {},
  ): Promise<MintedLinks> {
    const survey = await this.get(id);
    if (survey.status === 'closed') throw new ConflictError('The survey is closed.');
    const segment = await this.segments.get(segmentId);
    if (!segment) throw new NotFoundError(`No segment with id ${segmentId}.`);
    const minted: { contact: Contact; token: string }[] = [];
    let alreadyInvited = 0;
    let cursor = options.cursor;
    // Each invitation records the file its token goes to, so that a link not yet answered can be issued again.
    const filesAt = this.now();
    const linkFile = surveyLinksKey(survey.id, filesAt, 'json');
    const rateValues = rateValuesOf(await this.surveys.counters(id));
    do {
      const page = await this.contacts.list(segment.filter, 100, cursor);
      if (!addRateValues(rateValues, page.items)) {
        // Links minted so far are handed over; calling again (from this page) answers why no more are.
        if (minted.length > 0) break;
        throw new ConflictError(
          'The contacts of this segment hold more distinct wards and languages than a survey can break its response rate down by; tidy their ward values, or mint for a smaller segment.',
        );
      }
      cursor = page.nextCursor;
      const outcome = await this.inviter.invite(id, page.items, { linkFile });
      minted.push(...outcome.minted);
      alreadyInvited += outcome.existing.size;
    } while (cursor && !options.timeIsShort?.());
    return {
      invited: minted.length,
      alreadyInvited,
      ...(cursor && { nextCursor: cursor }),
      ...(await this.files.writeLinks(survey.id, minted, filesAt)),
    };
  }

  /** Revokes a contact's personal link: it answers 410 from now on. */
  async revokeLink(id: string, contactId: string): Promise<void> {
    await this.get(id);
    // The invitation changed between the read and the write (the contact answered meanwhile): read it again.
    const changed = changedMeanwhile();
    await retrying(
      { attempts: 3 },
      (error) => error === changed,
      async () => {
        const invitation = await this.surveys.invitation(id, contactId);
        if (!invitation || invitation.revoked)
          throw new NotFoundError(`Contact ${contactId} holds no live link to this survey.`);
        if (!(await this.surveys.revoke(id, invitation, randomShard()))) throw changed;
      },
    );
  }

  /**
   * Who was invited, a page at a time; `responded: false` lists whom a reminder should reach. In an anonymous
   * survey, a ward or language few respondents share is not shown.
   */
  async invitations(id: string, filter: { responded?: boolean }, limit: number, cursor?: string) {
    const survey = await this.get(id);
    const page = await this.surveys.invitations(id, filter, limit, cursor);
    const items = page.items.map(({ tokenHash: _tokenHash, ...invitation }) => invitation);
    const counters = survey.anonymous ? await this.surveys.counters(id) : undefined;
    const shown = counters ? invitationsWithSmallCellsHidden(items, counters, this.minimumCell) : items;
    return { ...page, items: shown } satisfies InvitationPage;
  }

  async results(id: string, language?: string): Promise<SurveyResults> {
    const survey = await this.get(id);
    const chosen = language && survey.languages.includes(language) ? language : survey.defaultLanguage;
    return buildResults(survey, await this.surveys.counters(id), chosen, this.minimumCell);
  }

  /** The answers to a free-text question, a page at a time. */
  async textAnswers(id: string, questionId: string, limit: number, cursor?: string) {
    const survey = await this.get(id);
    const question = allQuestions(survey).find((candidate) => candidate.id === questionId);
    if (!question) throw new NotFoundError(`No question ${questionId} in this survey.`);
    if (question.type !== 'text') throw new ConflictError(`Question ${questionId} is not a free-text question.`);
    const page = await this.surveys.textAnswers(id, questionId, limit, cursor);
    return survey.anonymous ? { ...page, items: page.items.map(({ text }) => ({ text })) } : page;
  }

  /** Every response as CSV (a row per response, a column per question or option) in the bucket, as a download. */
  async exportResponses(id: string): Promise<SurveyExport> {
    const survey = await this.get(id);
    const { csv, rows } = await responsesCsv(
      survey,
      (cursor) => this.surveys.responses(id, 200, cursor),
      this.minimumCell,
    );
    return { ...(await this.files.writeExport(id, csv)), responses: rows };
  }

  private changed(current: Survey, change: Partial<Survey>): Survey {
    return { ...current, ...change, updatedAt: this.now().toISOString(), version: current.version + 1 };
  }

  private async transition(current: Survey, change: Partial<Survey>): Promise<Survey> {
    const next = this.changed(current, change);
    try {
      await this.surveys.replace(current, next, { onlyWithoutResponses: false });
    } catch (error) {
      if (error instanceof SurveyChangedError) throw changedMeanwhile();
      throw error;
    }
    return next;
  }
}

const changedMeanwhile = () => new ConflictError('The survey changed meanwhile; read it again and retry.');

export { randomShard };
