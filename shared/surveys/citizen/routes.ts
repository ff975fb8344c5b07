import * as z from 'zod';
import { defineRoute, routeSet } from '../../core/routes/route';
import { answersSchema } from '../survey-answers';
import { citizenSurveySchema } from './survey-view';

const tokenParams = z.strictObject({ token: z.string().min(1).max(100).describe('The link’s token') });
const citizenQuery = z.strictObject({
  lang: z.string().min(2).max(35).optional().describe('Show the survey in this language'),
  saved: z.literal('1').optional().describe('Set by the page after its form was saved'),
});
/**
 * Citizen routes' own limit, for all clients together (API Gateway throttles a route, not a client). It is
 * higher than the stage's per-route default that staff routes get, since a link sent to a whole ward is
 * opened by many at once. One client is held back by the per-client limit in front (`limitedPerClient`).
 */
const CITIZEN_THROTTLE = { rateLimit: 200, burstLimit: 400 };

/** The citizen side of surveys: the page a link opens and the answers it posts. Public. */
export const citizenRoutes = routeSet({
  getCitizenSurvey: defineRoute({
    method: 'GET',
    path: '/s/{token}',
    handler: 'citizen/get-survey',
    access: { kind: 'public' },
    table: 'read',
    items: { read: ['contact', 'survey', 'surveyLink'] },
    summary:
      'A survey through a citizen link, in the citizen’s language: JSON, or an HTML page that works without JavaScript when a browser asks for text/html',
    tag: 'citizen',
    request: { params: tokenParams, query: citizenQuery },
    throttle: CITIZEN_THROTTLE,
    limitedPerClient: true,
    pages: true,
    responses: {
      200: { description: 'The survey (and the answers already given through this link)', schema: citizenSurveySchema },
      404: { description: 'No survey at this link' },
      410: { description: 'The survey has closed, or the link was withdrawn' },
    },
  }),
  submitCitizenSurvey: defineRoute({
    method: 'POST',
    path: '/s/{token}',
    handler: 'citizen/submit-survey',
    access: { kind: 'public' },
    table: 'readWrite',
    items: { read: ['contact', 'surveyLink'], write: ['survey', 'surveyCounters'] },
    summary:
      'Answer a survey through a citizen link (JSON, or the HTML page’s form); answering again changes the answers',
    tag: 'citizen',
    request: {
      params: tokenParams,
      query: citizenQuery,
      body: z.strictObject({
        answers: answersSchema,
        language: z.string().min(2).max(35).optional(),
      }),
      acceptsForm: true,
    },
    throttle: CITIZEN_THROTTLE,
    limitedPerClient: true,
    pages: true,
    responses: {
      200: { description: 'The answers replaced the earlier ones', schema: citizenSurveySchema },
      201: { description: 'The answers were saved', schema: citizenSurveySchema },
      303: { description: 'The HTML form was saved: back to the page, which says so (a reload does not post again)' },
      400: { description: 'Answers refused: issues has a message per question (body.answers.<question id>)' },
      403: { description: 'The survey is not open yet' },
      404: { description: 'No survey at this link' },
      410: { description: 'The survey has closed, or the link was withdrawn' },
    },
  }),
});
