import { httpHandler } from '../../shared/core/http/handler';
import { surveyRoutes } from '../../shared/surveys/routes';
import { surveysService } from '../../shared/surveys/surveys-wiring';

/** Time kept back to write the link files and answer before the function's timeout. */
const RESERVE_MS = 4000;

export const handler = httpHandler(surveyRoutes.mintSurveyLinks)(async ({ params, body, context }) => ({
  status: 200,
  body: await surveysService().mintLinks(params.id, body.segmentId, {
    ...(body.cursor && { cursor: body.cursor }),
    timeIsShort: () => context.getRemainingTimeInMillis() < RESERVE_MS,
  }),
}));
