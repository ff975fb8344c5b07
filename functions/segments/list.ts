import { httpHandler } from '../../shared/core/http/handler';
import { segmentRoutes } from '../../shared/segments/routes';
import { segmentsService } from '../../shared/segments/segments-wiring';

export const handler = httpHandler(segmentRoutes.listSegments)(async ({ query }) => ({
  status: 200,
  body: await segmentsService().list(query.limit, query.cursor),
}));
