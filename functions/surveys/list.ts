import { httpHandler } from '../../shared/core/http/handler';
import { surveyRoutes } from '../../shared/surveys/routes';
import { surveysService } from '../../shared/surveys/surveys-wiring';

export const handler = httpHandler(surveyRoutes.listSurveys)(async ({ query }) => ({
  status: 200,
  body: await surveysService().list(query.limit, query.cursor),
}));
