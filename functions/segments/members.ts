import { routes } from '../../shared/api/routes';
import { httpHandler } from '../../shared/http/handler';
import { segmentsService } from '../../shared/services/segments-wiring';

export const handler = httpHandler(routes.listSegmentMembers, async ({ params, query }) => ({
  status: 200,
  body: await segmentsService().members(params.id, query.limit, query.cursor),
}));
