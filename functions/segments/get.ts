import { httpHandler } from '../../shared/core/http/handler';
import { segmentRoutes } from '../../shared/segments/routes';
import { segmentsService } from '../../shared/segments/segments-wiring';

export const handler = httpHandler(segmentRoutes.getSegment)(async ({ params, query }) => ({
  status: 200,
  body: await segmentsService().get(params.id, { recount: query.recount === 'true' }),
}));
