import { httpHandler } from '../../shared/core/http/handler';
import { routes } from '../../shared/routes';
import { surveysService } from '../../shared/surveys/surveys-wiring';

export const handler = httpHandler(routes.listSurveyInvitations, async ({ params, query }) => ({
  status: 200,
  body: await surveysService().invitations(
    params.id,
    query.responded === undefined ? {} : { responded: query.responded },
    query.limit,
    query.cursor,
  ),
}));
