import { httpHandler } from '../../shared/core/http/handler';
import { surveyRoutes } from '../../shared/surveys/routes';
import { surveysService } from '../../shared/surveys/surveys-wiring';

export const handler = httpHandler(surveyRoutes.listSurveyTextAnswers)(async ({ params, query }) => ({
  status: 200,
  body: await surveysService().textAnswers(params.id, params.questionId, query.limit, query.cursor),
}));
