import { httpHandler } from '../../shared/core/http/handler';
import { routes } from '../../shared/routes';
import { surveysService } from '../../shared/surveys/surveys-wiring';

export const handler = httpHandler(routes.revokeSurveyLink, async ({ params }) => {
  await surveysService().revokeLink(params.id, params.contactId);
  return { status: 204 };
});
