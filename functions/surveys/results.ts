import { routes } from '../../shared/api/routes';
import { httpHandler } from '../../shared/http/handler';
import { surveysService } from '../../shared/services/surveys-wiring';

export const handler = httpHandler(routes.getSurveyResults, async ({ params, query }) => ({
  status: 200,
  body: await surveysService().results(params.id, query.language),
}));
