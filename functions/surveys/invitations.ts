import { httpHandler } from '../../shared/core/http/handler';
import { surveyRoutes } from '../../shared/surveys/routes';
import { surveysService } from '../../shared/surveys/surveys-wiring';

export const handler = httpHandler(surveyRoutes.listSurveyInvitations)(async ({ params, query }) => ({
  status: 200,
  body: await surveysService().invitations(
    params.id,
    query.responded === undefined ? {} : { responded: query.responded },
    query.limit,
    query.cursor,
  ),
}));
