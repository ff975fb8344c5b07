import { httpHandler } from '../../shared/core/http/handler';
import { routes } from '../../shared/routes';
import { surveysService } from '../../shared/surveys/surveys-wiring';

export const handler = httpHandler(routes.listSurveyTextAnswers, async ({ params, query }) => ({
  status: 200,
  body: await surveysService().textAnswers(params.id, params.questionId, query.limit, query.cursor),
}));
