import { routes } from '../../shared/api/routes';
import { httpHandler } from '../../shared/http/handler';
import { surveysService } from '../../shared/services/surveys-wiring';

export const handler = httpHandler(routes.listSurveyTextAnswers, async ({ params, query }) => ({
  status: 200,
  body: await surveysService().textAnswers(params.id, params.questionId, query.limit, query.cursor),
}));
