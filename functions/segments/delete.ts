import { httpHandler } from '../../shared/core/http/handler';
import { routes } from '../../shared/routes';
import { segmentsService } from '../../shared/segments/segments-wiring';

export const handler = httpHandler(routes.deleteSegment)(async ({ params }) => {
  await segmentsService().delete(params.id);
  return { status: 204 };
});
