import { httpHandler } from '../../shared/core/http/handler';
import { surveyRoutes } from '../../shared/surveys/routes';
import { surveysService } from '../../shared/surveys/surveys-wiring';

export const handler = httpHandler(surveyRoutes.listSurveys)(async () => ({
  status: 200,
  body: { items: await surveysService().list() },
}));
