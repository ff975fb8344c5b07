import { routes } from '../../shared/api/routes';
import { httpHandler } from '../../shared/http/handler';
import { surveysService } from '../../shared/services/surveys-wiring';

export const handler = httpHandler(routes.listSurveyInvitations, async ({ params, query }) => ({
  status: 200,
  body: await surveysService().invitations(
    params.id,
    query.responded === undefined ? {} : { responded: query.responded },
    query.limit,
    query.cursor,
  ),
}));
