import { httpHandler } from '../../shared/core/http/handler';
import { routes } from '../../shared/routes';
import { surveysService } from '../../shared/surveys/surveys-wiring';

export const handler = httpHandler(routes.updateSurvey, async ({ params, body, caller }) => ({
  status: 200,
  body: await surveysService().update(caller, params.id, body),
}));
