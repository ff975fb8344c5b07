import { routes } from '../../shared/api/routes';
import { httpHandler } from '../../shared/http/handler';
import { surveysService } from '../../shared/services/surveys-wiring';

export const handler = httpHandler(routes.listSurveys, async () => ({
  status: 200,
  body: { items: await surveysService().list() },
}));
