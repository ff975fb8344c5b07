import { httpHandler } from '../../shared/core/http/handler';
import { surveyRoutes } from '../../shared/surveys/routes';
import { reissuedLinksService } from '../../shared/surveys/surveys-wiring';

/** Time kept back to write the link files and answer before the function's timeout. */
const RESERVE_MS = 4000;

export const handler = httpHandler(surveyRoutes.reissueUnansweredLinks)(async ({ params, body, context }) => ({
  status: 200,
  body: await reissuedLinksService().reissueUnanswered(params.id, {
    ...(body.cursor && { cursor: body.cursor }),
    timeIsShort: () => context.getRemainingTimeInMillis() < RESERVE_MS,
  }),
}));
