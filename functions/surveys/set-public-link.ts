import { httpHandler } from '../../shared/core/http/handler';
import { surveyRoutes } from '../../shared/surveys/routes';
import { surveysService } from '../../shared/surveys/surveys-wiring';

export const handler = httpHandler(surveyRoutes.setSurveyPublicLink)(async ({ params, body }) => ({
  status: 200,
  body: await surveysService().setPublicLink(params.id, body.onePerDevice),
}));
