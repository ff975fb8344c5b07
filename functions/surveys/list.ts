import { httpHandler } from '../../shared/core/http/handler';
import { routes } from '../../shared/routes';
import { surveysService } from '../../shared/surveys/surveys-wiring';

export const handler = httpHandler(routes.listSurveys, async () => ({
  status: 200,
  body: { items: await surveysService().list() },
}));
