import { httpHandler } from '../../shared/core/http/handler';
import { routes } from '../../shared/routes';
import { surveysService } from '../../shared/surveys/surveys-wiring';

export const handler = httpHandler(routes.duplicateSurvey, async ({ params, caller }) => ({
  status: 201,
  body: await surveysService().duplicate(caller, params.id),
}));
