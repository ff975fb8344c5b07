import { routes } from '../../shared/api/routes';
import { httpHandler } from '../../shared/http/handler';
import { segmentsService } from '../../shared/services/segments-wiring';

export const handler = httpHandler(routes.deleteSegment, async ({ params }) => {
  await segmentsService().delete(params.id);
  return { status: 204 };
});
