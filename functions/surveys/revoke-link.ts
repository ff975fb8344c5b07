import { routes } from '../../shared/api/routes';
import { httpHandler } from '../../shared/http/handler';
import { surveysService } from '../../shared/services/surveys-wiring';

export const handler = httpHandler(routes.revokeSurveyLink, async ({ params }) => {
  await surveysService().revokeLink(params.id, params.contactId);
  return { status: 204 };
});
