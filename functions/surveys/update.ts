import { httpHandler } from '../../shared/core/http/handler';
import { surveyRoutes } from '../../shared/surveys/routes';
import { surveysService } from '../../shared/surveys/surveys-wiring';

export const handler = httpHandler(surveyRoutes.updateSurvey)(async ({ params, body, caller }) => ({
  status: 200,
  body: await surveysService().update(caller, params.id, body),
}));
