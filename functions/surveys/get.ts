import { routes } from '../../shared/api/routes';
import { httpHandler } from '../../shared/http/handler';
import { surveysService } from '../../shared/services/surveys-wiring';

export const handler = httpHandler(routes.getSurvey, async ({ params }) => ({
  status: 200,
  body: await surveysService().get(params.id),
}));
