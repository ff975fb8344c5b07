import { httpHandler } from '../../shared/core/http/handler';
import { routes } from '../../shared/routes';
import { surveysService } from '../../shared/surveys/surveys-wiring';

export const handler = httpHandler(routes.getSurveyResults, async ({ params, query }) => ({
  status: 200,
  body: await surveysService().results(params.id, query.language),
}));
