import { httpHandler } from '../../shared/core/http/handler';
import { surveyRoutes } from '../../shared/surveys/routes';
import { surveysService } from '../../shared/surveys/surveys-wiring';

export const handler = httpHandler(surveyRoutes.getSurvey)(async ({ params }) => ({
  status: 200,
  body: await surveysService().get(params.id),
}));
