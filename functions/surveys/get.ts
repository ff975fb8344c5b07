import { httpHandler } from '../../shared/core/http/handler';
import { routes } from '../../shared/routes';
import { surveysService } from '../../shared/surveys/surveys-wiring';

export const handler = httpHandler(routes.getSurvey, async ({ params }) => ({
  status: 200,
  body: await surveysService().get(params.id),
}));
