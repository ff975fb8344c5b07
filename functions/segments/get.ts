import { httpHandler } from '../../shared/core/http/handler';
import { routes } from '../../shared/routes';
import { segmentsService } from '../../shared/segments/segments-wiring';

export const handler = httpHandler(routes.getSegment, async ({ params }) => ({
  status: 200,
  body: await segmentsService().get(params.id),
}));
