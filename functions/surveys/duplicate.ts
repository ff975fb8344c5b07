import { routes } from '../../shared/api/routes';
import { httpHandler } from '../../shared/http/handler';
import { surveysService } from '../../shared/services/surveys-wiring';

export const handler = httpHandler(routes.duplicateSurvey, async ({ params, caller }) => ({
  status: 201,
  body: await surveysService().duplicate(caller, params.id),
}));
