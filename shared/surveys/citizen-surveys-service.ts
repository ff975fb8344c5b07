import { randomUUID } from 'node:crypto';
import type { ContactsRepository } from '../contacts/contacts-repository';
import { ConflictError, ForbiddenError, GoneError, NotFoundError, ValidationError } from '../core/errors';
import { METRIC, MetricUnit, metrics } from '../core/observability/metrics';
import { jitteredPause, retrying } from '../core/retry';
import { type CitizenSurvey, citizenSurvey } from './citizen/survey-view';
import { DEVICE_HEADER, type DeviceTokens, signedDeviceTokens } from './device-tokens';
import { availability, chooseLanguage, type Survey } from './survey';
import { type AnswerIssue, answersFromForm, checkAnswers } from './survey-answers';
import { deviceResponseKey, isWellFormedToken, linkTokenHash, personalResponseKey } from './survey-links';
import { counterChange, responseCounters } from './survey-results';
import { ResponseRaceError, type StoredResponse, type SurveyLink, type SurveysRepository } from './surveys-repository';
import { randomShard } from './surveys-service';

/** Read when a token is unknown, so that unknown and known tokens cost the same reads. */
const NO_SURVEY_ID = '00000000-0000-0000-0000-000000000000';
const SAVE_ATTEMPTS = 8;

export interface CitizenContext {
  /** The language picked on the page (?lang= or the form's language field). */
  chosenLanguage?: string;
  /** From Accept-Language, most wanted first. */
  acceptedLanguages: string[];
  /** The device's token (a cookie), for surveys that take one response per device. */
  deviceToken?: string;
}

export interface CitizenOutcome {
  survey: CitizenSurvey;
  /** Set when the device needs a token it did not send; the caller stores it (a cookie). */
  newDeviceToken?: string;
}

/** Answers as JSON (typed), or the fields of the HTML page's form, read against the survey once it is known. */
export type Submission = { kind: 'json'; answers: unknown } | { kind: 'form'; fields: ReadonlyMap<string, string[]> };

export class AnswersRefusedError extends ValidationError {
  constructor(
    readonly answerIssues: AnswerIssue[],
    readonly survey: CitizenSurvey,
    /** What was submitted, to show again beside the messages. */
    readonly submitted: unknown,
  ) {
    super(
      answerIssues.map((issue) => ({
        path: issue.questionId === '' ? 'body.answers' : `body.answers.${issue.questionId}`,
        message: issue.message,
      })),
    );
  }
}

/** An anonymous survey takes one response per personal link, kept apart from the link: it cannot be changed. */
export class AlreadyAnsweredError extends ConflictError {
  constructor() {
    super(
      'This link has already given its answers. The survey is anonymous, so they are kept apart from the link and cannot be shown or changed.',
    );
  }
}

/** A one-per-device survey answered without a device token the server issued (none, or one made up). */
export class DeviceUnknownError extends ValidationError {
  constructor() {
    super([
      {
        path: `headers.${DEVICE_HEADER}`,
        message:
          'this survey takes one response per device: open the survey first (its page sets a cookie; JSON answers carry the deviceToken it returns) and send that token back',
      },
    ]);
  }
}

/**
 * The citizen's side of surveys, reached through a link with no account: a personal link (one response,
 * editable until the survey closes) or the survey's public link (anonymous; one response per device when the
 * survey asks for it).
 */
export class CitizenSurveysService {
  constructor(
    private readonly surveys: SurveysRepository,
    private readonly contacts: ContactsRepository,
    private readonly now: () => Date = () => new Date(),
    private readonly devices: DeviceTokens = signedDeviceTokens,
  ) {}

  async view(token: string, context: CitizenContext): Promise<CitizenOutcome> {
    const { link, survey } = await this.resolve(token);
    const language = await this.language(link, survey, context);
    const { key, newDeviceToken } = await this.responseKeyOf(token, link, survey, context.deviceToken, 'name');
    // A device named just now has given no answer yet.
    const previous = key && !newDeviceToken ? await this.surveys.response(survey.id, key) : undefined;
    const answered = anonymousInvitation(link, survey) && (await this.invitationOf(link))?.responded === true;
    return {
      survey: this.citizenView(survey, language, link, previous, answered),
      ...(newDeviceToken && { newDeviceToken }),
    };
  }

  /**
   * Checks the answers against the survey and saves them with their counters. A concurrent save through the
   * same link, or a change to the survey meanwhile, makes the write fail as a whole; it is then read and
   * checked again, so the counters stay exact.
   */
  async submit(
    token: string,
    submission: Submission,
    context: CitizenContext,
  ): Promise<CitizenOutcome & { created: boolean }> {
    const outcome = await retrying(
      { attempts: SAVE_ATTEMPTS, pause: jitteredPause },
      (error) => error instanceof ResponseRaceError,
      () => this.submitOnce(token, submission, context),
    ).catch((error: unknown) => {
      if (error instanceof ResponseRaceError)
        throw new ConflictError('Too many answers arrived at once; please send again.');
      throw error;
    });
    metrics.addMetric(METRIC.surveySubmissions, MetricUnit.Count, 1);
    return outcome;
  }

  private async submitOnce(
    token: string,
    submission: Submission,
    context: CitizenContext,
  ): Promise<CitizenOutcome & { created: boolean }> {
    const { link, survey } = await this.resolve(token);
    const language = await this.language(link, survey, context);
    const state = availability(survey, this.now());
    if (state === 'scheduled')
      throw new ForbiddenError(`This survey opens at ${survey.opensAt}; answers are taken from then.`);
    const submitted = submission.kind === 'json' ? submission.answers : answersFromForm(survey, submission.fields);
    const checked = checkAnswers(survey, submitted);
    if (!checked.ok) throw new AnswersRefusedError(checked.issues, this.citizenView(survey, language, link), submitted);
    const { key, newDeviceToken } = await this.responseKeyOf(token, link, survey, context.deviceToken, 'refuse');
    const responseKey = key ?? randomUUID();
    const previous = key && !newDeviceToken ? await this.surveys.response(survey.id, key) : undefined;
    const invitation = !previous ? await this.invitationOf(link) : undefined;
    if (invitation?.responded && survey.anonymous) throw new AlreadyAnsweredError();
    const now = this.now().toISOString();
    const response: StoredResponse = {
      key: responseKey,
      answers: checked.answers,
      language,
      via: link.kind,
      ...(link.kind === 'personal' && !survey.anonymous && { contactId: link.contactId }),
      submittedAt: previous?.submittedAt ?? now,
      updatedAt: now,
      revision: (previous?.revision ?? 0) + 1,
    };
    await this.surveys.saveResponse({
      surveyId: survey.id,
      surveyVersion: survey.version,
      response,
      previousRevision: previous?.revision,
      change: counterChange(
        previous && responseCounters(survey, previous.answers),
        responseCounters(survey, checked.answers),
      ),
      shard: randomShard(),
      firstAnswerOf: invitation && !invitation.responded ? invitation : undefined,
    });
    return {
      created: !previous,
      survey: this.citizenView(survey, language, link, response, anonymousInvitation(link, survey)),
      ...(newDeviceToken && { newDeviceToken }),
    };
  }

  /**
   * The link and its survey. An unknown token reads a survey too, so that it takes as long as a known one; a
   * malformed token is refused before any read (the format is public, so that tells nothing).
   */
  private async resolve(token: string): Promise<{ link: SurveyLink; survey: Survey }> {
    const notFound = () => new NotFoundError('There is no survey at this link. Check that the whole link was copied.');
    if (!isWellFormedToken(token)) throw notFound();
    const link = await this.surveys.getLink(linkTokenHash(token));
    const survey = await this.surveys.get(link?.surveyId ?? NO_SURVEY_ID);
    if (!link || !survey) throw notFound();
    if (link.revoked) throw new GoneError('This link has been withdrawn.');
    const state = availability(survey, this.now());
    if (state === 'draft') throw notFound();
    if (state === 'closed') throw new GoneError('This survey has closed. Thank you for your interest.');
    return { link, survey };
  }

  /** The language asked for, else the contact's own (personal links), else Accept-Language, else the default. */
  private async language(link: SurveyLink, survey: Survey, context: CitizenContext): Promise<string> {
    const chosen = context.chosenLanguage;
    if (chosen && survey.languages.includes(chosen)) return chosen;
    const contactLanguage =
      link.kind === 'personal' && link.contactId
        ? (await this.contacts.get(link.contactId))?.contact.language
        : undefined;
    return chooseLanguage(survey, [...(contactLanguage ? [contactLanguage] : []), ...context.acceptedLanguages]);
  }

  private async invitationOf(link: SurveyLink) {
    return link.kind === 'personal' && link.contactId
      ? this.surveys.invitation(link.surveyId, link.contactId)
      : undefined;
  }

  /**
   * Which stored response a submission through this link replaces; undefined when each one is new. An
   * anonymous survey's personal responses are keyed at random: a key computed from the token would let whoever
   * holds the link file find the answers.
   */
  private async responseKeyOf(
    token: string,
    link: SurveyLink,
    survey: Survey,
    deviceToken: string | undefined,
    /** Opening the survey names an unknown device; answering refuses it. */
    unknownDevice: 'name' | 'refuse',
  ): Promise<{ key?: string; newDeviceToken?: string }> {
    if (link.kind === 'personal') return survey.anonymous ? {} : { key: personalResponseKey(token) };
    if (!survey.publicLink?.onePerDevice) return {};
    if (deviceToken && (await this.devices.isIssued(deviceToken)))
      return { key: deviceResponseKey(survey.id, deviceToken) };
    if (unknownDevice === 'refuse') throw new DeviceUnknownError();
    const newDeviceToken = await this.devices.issue();
    return { key: deviceResponseKey(survey.id, newDeviceToken), newDeviceToken };
  }

  private citizenView(
    survey: Survey,
    language: string,
    link: SurveyLink,
    response?: StoredResponse,
    answered = false,
  ): CitizenSurvey {
    const state = availability(survey, this.now());
    const editable =
      (link.kind === 'personal' && !survey.anonymous) ||
      (link.kind === 'public' && survey.publicLink?.onePerDevice === true);
    return citizenSurvey(survey, language, {
      availability: state === 'scheduled' ? 'scheduled' : 'open',
      editable,
      answered,
      ...(response &&
        editable && {
          response: { answers: response.answers, submittedAt: response.submittedAt, updatedAt: response.updatedAt },
        }),
    });
  }
}

const anonymousInvitation = (link: SurveyLink, survey: Survey) => link.kind === 'personal' && survey.anonymous;
