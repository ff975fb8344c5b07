import { httpHandler } from '../../shared/core/http/handler';
import { surveyRoutes } from '../../shared/surveys/routes';
import { surveysService } from '../../shared/surveys/surveys-wiring';

export const handler = httpHandler(surveyRoutes.duplicateSurvey)(async ({ params, caller }) => ({
  status: 201,
  body: await surveysService().duplicate(caller, params.id),
}));
