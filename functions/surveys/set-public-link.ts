import { routes } from '../../shared/api/routes';
import { httpHandler } from '../../shared/http/handler';
import { surveysService } from '../../shared/services/surveys-wiring';

export const handler = httpHandler(routes.setSurveyPublicLink, async ({ params, body }) => ({
  status: 200,
  body: await surveysService().setPublicLink(params.id, body.onePerDevice),
}));
