import { httpHandler } from '../../shared/core/http/handler';
import { routes } from '../../shared/routes';
import { surveysService } from '../../shared/surveys/surveys-wiring';

export const handler = httpHandler(routes.createSurvey, async ({ body, caller }) => ({
  status: 201,
  body: await surveysService().create(caller, body),
}));
