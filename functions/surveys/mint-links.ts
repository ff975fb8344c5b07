import { routes } from '../../shared/api/routes';
import { httpHandler } from '../../shared/http/handler';
import { surveysService } from '../../shared/services/surveys-wiring';

export const handler = httpHandler(routes.mintSurveyLinks, async ({ params, body }) => ({
  status: 200,
  body: await surveysService().mintLinks(params.id, body.segmentId),
}));
