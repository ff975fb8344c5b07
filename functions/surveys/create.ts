import { routes } from '../../shared/api/routes';
import { httpHandler } from '../../shared/http/handler';
import { surveysService } from '../../shared/services/surveys-wiring';

export const handler = httpHandler(routes.createSurvey, async ({ body, caller }) => ({
  status: 201,
  body: await surveysService().create(caller, body),
}));
