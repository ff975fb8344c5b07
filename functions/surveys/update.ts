import { routes } from '../../shared/api/routes';
import { httpHandler } from '../../shared/http/handler';
import { surveysService } from '../../shared/services/surveys-wiring';

export const handler = httpHandler(routes.updateSurvey, async ({ params, body, caller }) => ({
  status: 200,
  body: await surveysService().update(caller, params.id, body),
}));
