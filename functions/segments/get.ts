import { routes } from '../../shared/api/routes';
import { httpHandler } from '../../shared/http/handler';
import { segmentsService } from '../../shared/services/segments-wiring';

export const handler = httpHandler(routes.getSegment, async ({ params }) => ({
  status: 200,
  body: await segmentsService().get(params.id),
}));
