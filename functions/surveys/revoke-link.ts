import { httpHandler } from '../../shared/core/http/handler';
import { surveyRoutes } from '../../shared/surveys/routes';
import { surveysService } from '../../shared/surveys/surveys-wiring';

export const handler = httpHandler(surveyRoutes.revokeSurveyLink)(async ({ params }) => {
  await surveysService().revokeLink(params.id, params.contactId);
  return { status: 204 };
});
