import { httpHandler } from '../../shared/core/http/handler';
import { routes } from '../../shared/routes';
import { surveysService } from '../../shared/surveys/surveys-wiring';

export const handler = httpHandler(routes.openSurvey, async ({ params }) => ({
  status: 200,
  body: await surveysService().open(params.id),
}));
