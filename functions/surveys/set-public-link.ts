import { httpHandler } from '../../shared/core/http/handler';
import { routes } from '../../shared/routes';
import { surveysService } from '../../shared/surveys/surveys-wiring';

export const handler = httpHandler(routes.setSurveyPublicLink, async ({ params, body }) => ({
  status: 200,
  body: await surveysService().setPublicLink(params.id, body.onePerDevice),
}));
