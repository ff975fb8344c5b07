import * as z from 'zod';
import { SURVEY_EXPORTS_PREFIX, SURVEY_LINKS_PREFIX } from '../core/files/buckets';
import { defineRoute, routeSet } from '../core/routes/route';
import { idParams, pageQuery } from '../core/routes/route-schemas';
import { surveyBodySchema, surveySchema } from './survey';
import { counterBoundIssue } from './survey-counter-bound';
import { invitationPageSchema, mintedLinksSchema, reissuedLinksSchema } from './survey-links';
import { surveyExportSchema, surveyResultsSchema, textAnswersPageSchema } from './survey-results';
import { surveySummaryPageSchema } from './survey-summary';

const surveyIdParams = idParams('survey');
/** A survey body whose results' counters are proven to fit their items (survey-counter-bound.ts). */
const storableSurveyBody = surveyBodySchema.superRefine((body, context) => {
  const issue = counterBoundIssue(body);
  if (issue) context.addIssue({ code: 'custom', path: ['sections'], message: issue.message });
});
/** Survey definitions carry every language's texts: more room than the default body limit. */
const SURVEY_BODY_BYTES = 512 * 1024;

/** Surveys as staff build, open, send and read them. */
export const surveyRoutes = routeSet({
  createSurvey: defineRoute({
    method: 'POST',
    path: '/surveys',
    handler: 'surveys/create',
    access: { kind: 'staff', role: 'staff' },
    table: 'readWrite',
    items: { write: ['survey'] },
    summary: 'Create a survey (a draft)',
    tag: 'surveys',
    request: { body: storableSurveyBody, maxBodyBytes: SURVEY_BODY_BYTES },
    responses: { 201: { description: 'The draft survey', schema: surveySchema } },
  }),
  listSurveys: defineRoute({
    method: 'GET',
    path: '/surveys',
    handler: 'surveys/list',
    access: { kind: 'staff', role: 'viewer' },
    table: 'read',
    items: { indexes: ['survey'] },
    summary: 'Surveys, newest first, a page at a time (summaries: GET /surveys/{id} has the definition)',
    tag: 'surveys',
    request: { query: pageQuery },
    responses: { 200: { description: 'One page of surveys', schema: surveySummaryPageSchema } },
  }),
  getSurvey: defineRoute({
    method: 'GET',
    path: '/surveys/{id}',
    handler: 'surveys/get',
    access: { kind: 'staff', role: 'viewer' },
    table: 'read',
    items: { read: ['survey'] },
    summary: 'Read a survey',
    tag: 'surveys',
    request: { params: surveyIdParams },
    responses: { 200: { description: 'The survey', schema: surveySchema }, 404: { description: 'No such survey' } },
  }),
  updateSurvey: defineRoute({
    method: 'PUT',
    path: '/surveys/{id}',
    handler: 'surveys/update',
    access: { kind: 'staff', role: 'staff' },
    table: 'readWrite',
    items: { write: ['survey', 'surveyCounters'] },
    summary: 'Replace a survey’s definition (a draft; an open survey needs a manager)',
    tag: 'surveys',
    request: { params: surveyIdParams, body: storableSurveyBody, maxBodyBytes: SURVEY_BODY_BYTES },
    responses: {
      200: { description: 'The changed survey', schema: surveySchema },
      403: { description: 'The survey is open and the caller is not a manager' },
      409: { description: 'The change would invalidate responses (reasons lists why), or the survey is closed' },
    },
  }),
  duplicateSurvey: defineRoute({
    method: 'POST',
    path: '/surveys/{id}/duplicate',
    handler: 'surveys/duplicate',
    access: { kind: 'staff', role: 'staff' },
    table: 'readWrite',
    items: { write: ['survey'] },
    summary: 'Copy a survey into a new draft, without its responses and links',
    tag: 'surveys',
    request: { params: surveyIdParams },
    responses: { 201: { description: 'The new draft', schema: surveySchema } },
  }),
  openSurvey: defineRoute({
    method: 'POST',
    path: '/surveys/{id}/open',
    handler: 'surveys/open',
    access: { kind: 'staff', role: 'manager' },
    table: 'readWrite',
    items: { write: ['survey', 'surveyCounters'] },
    summary: 'Open a draft survey (answers are taken from opensAt, if set)',
    tag: 'surveys',
    request: { params: surveyIdParams },
    responses: { 200: { description: 'The open survey', schema: surveySchema }, 409: { description: 'Not a draft' } },
  }),
  closeSurvey: defineRoute({
    method: 'POST',
    path: '/surveys/{id}/close',
    handler: 'surveys/close',
    access: { kind: 'staff', role: 'manager' },
    table: 'readWrite',
    items: { write: ['survey', 'surveyCounters'] },
    summary: 'Close an open survey: its links answer 410 from now on',
    tag: 'surveys',
    request: { params: surveyIdParams },
    responses: { 200: { description: 'The closed survey', schema: surveySchema }, 409: { description: 'Not open' } },
  }),
  setSurveyPublicLink: defineRoute({
    method: 'PUT',
    path: '/surveys/{id}/public-link',
    handler: 'surveys/set-public-link',
    access: { kind: 'staff', role: 'manager' },
    table: 'readWrite',
    items: { write: ['survey', 'surveyCounters', 'surveyLink'] },
    summary: 'Turn on the survey’s public link (anonymous answers), or change its one-response-per-device rule',
    tag: 'surveys',
    request: {
      params: surveyIdParams,
      body: z.strictObject({
        onePerDevice: z.boolean().describe('A device (a cookie) gives one response, which it can change'),
      }),
    },
    responses: { 200: { description: 'The survey, with publicLink', schema: surveySchema } },
  }),
  mintSurveyLinks: defineRoute({
    method: 'POST',
    path: '/surveys/{id}/links',
    handler: 'surveys/mint-links',
    // As long as API Gateway waits (30 s); a larger segment goes on over several calls (nextCursor).
    timeoutSeconds: 29,
    access: { kind: 'staff', role: 'manager' },
    table: 'readWrite',
    items: { read: ['segment'], write: ['survey', 'surveyCounters', 'surveyLink'], indexes: ['contact'] },
    objects: { read: [SURVEY_LINKS_PREFIX], write: [SURVEY_LINKS_PREFIX] },
    summary: 'Mint a personal link for every contact of a segment who has none yet for this survey',
    tag: 'surveys',
    request: {
      params: surveyIdParams,
      body: z.strictObject({
        segmentId: z.uuid(),
        cursor: z.string().min(1).max(2000).optional().describe('nextCursor of the previous call, to go on'),
      }),
    },
    responses: {
      200: {
        description: 'How many were invited, and the new links as CSV and JSON downloads (the only copy of the tokens)',
        schema: mintedLinksSchema,
      },
      404: { description: 'No such survey or segment' },
    },
  }),
  reissueUnansweredLinks: defineRoute({
    method: 'POST',
    path: '/surveys/{id}/unanswered-links',
    handler: 'surveys/reissue-links',
    timeoutSeconds: 29,
    access: { kind: 'staff', role: 'manager' },
    table: 'read',
    items: { read: ['survey', 'surveyInvitation', 'contact'] },
    objects: { read: [SURVEY_LINKS_PREFIX], write: [SURVEY_LINKS_PREFIX] },
    summary:
      'A fresh download of the links already minted for invitees who have not answered (the same links; for exceptions, when they are not sent)',
    tag: 'surveys',
    request: {
      params: surveyIdParams,
      body: z.strictObject({
        cursor: z.string().min(1).max(2000).optional().describe('nextCursor of the previous call, to go on'),
      }),
    },
    responses: {
      200: {
        description: 'The links as CSV and JSON downloads, and those that cannot be given again',
        schema: reissuedLinksSchema,
      },
      404: { description: 'No such survey' },
      409: { description: 'The survey is closed' },
    },
  }),
  revokeSurveyLink: defineRoute({
    method: 'DELETE',
    path: '/surveys/{id}/links/{contactId}',
    handler: 'surveys/revoke-link',
    access: { kind: 'staff', role: 'manager' },
    table: 'readWrite',
    items: { write: ['survey', 'surveyCounters', 'surveyLink'] },
    summary: 'Revoke a contact’s personal link (it answers 410 from then on)',
    tag: 'surveys',
    request: { params: z.strictObject({ id: z.uuid(), contactId: z.uuid() }) },
    responses: { 204: { description: 'Revoked' }, 404: { description: 'No live link for this contact' } },
  }),
  listSurveyInvitations: defineRoute({
    method: 'GET',
    path: '/surveys/{id}/invitations',
    handler: 'surveys/invitations',
    access: { kind: 'staff', role: 'viewer' },
    table: 'read',
    items: { read: ['survey', 'surveyCounters'] },
    summary: 'Contacts invited through personal links, a page at a time; responded=false lists whom to remind',
    tag: 'surveys',
    request: {
      params: surveyIdParams,
      query: pageQuery.extend({
        responded: z
          .enum(['true', 'false'])
          .transform((value) => value === 'true')
          .optional()
          .describe('Only links answered (true) or not yet (false); revoked links are left out of either'),
      }),
    },
    responses: {
      200: {
        description: 'One page of invitations',
        schema: invitationPageSchema,
      },
    },
  }),
  getSurveyResults: defineRoute({
    method: 'GET',
    path: '/surveys/{id}/results',
    handler: 'surveys/results',
    access: { kind: 'staff', role: 'viewer' },
    table: 'read',
    items: { read: ['survey', 'surveyCounters'] },
    summary: 'Exact live results: counts, percentages, averages, grids, and the response rate by ward',
    tag: 'surveys',
    request: {
      params: surveyIdParams,
      query: z.strictObject({ language: z.string().min(2).max(35).optional().describe('Labels in this language') }),
    },
    responses: { 200: { description: 'The results', schema: surveyResultsSchema } },
  }),
  listSurveyTextAnswers: defineRoute({
    method: 'GET',
    path: '/surveys/{id}/questions/{questionId}/answers',
    handler: 'surveys/text-answers',
    access: { kind: 'staff', role: 'viewer' },
    table: 'read',
    items: { read: ['survey'] },
    summary: 'The answers to a free-text question, a page at a time',
    tag: 'surveys',
    request: {
      params: z.strictObject({ id: z.uuid(), questionId: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/) }),
      query: pageQuery,
    },
    responses: {
      200: {
        description: 'One page of answers',
        schema: textAnswersPageSchema,
      },
    },
  }),
  exportSurveyResponses: defineRoute({
    method: 'POST',
    path: '/surveys/{id}/exports',
    handler: 'surveys/export',
    // Reads every response; API Gateway stops waiting at 30 s.
    timeoutSeconds: 29,
    access: { kind: 'staff', role: 'manager' },
    table: 'read',
    items: { read: ['survey'] },
    objects: { read: [SURVEY_EXPORTS_PREFIX], write: [SURVEY_EXPORTS_PREFIX] },
    summary: 'Export every response as CSV (a row per response, a column per question or option)',
    tag: 'surveys',
    request: { params: surveyIdParams },
    responses: {
      200: {
        description: 'A download link',
        schema: surveyExportSchema,
      },
    },
  }),
});
