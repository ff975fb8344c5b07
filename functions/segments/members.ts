import { httpHandler } from '../../shared/core/http/handler';
import { segmentRoutes } from '../../shared/segments/routes';
import { segmentsService } from '../../shared/segments/segments-wiring';

export const handler = httpHandler(segmentRoutes.listSegmentMembers)(async ({ params, query }) => ({
  status: 200,
  body: await segmentsService().members(params.id, query.limit, query.cursor),
}));
