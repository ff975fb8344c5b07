import { httpHandler } from '../../shared/core/http/handler';
import { routes } from '../../shared/routes';
import { segmentsService } from '../../shared/segments/segments-wiring';

export const handler = httpHandler(routes.listSegmentMembers, async ({ params, query }) => ({
  status: 200,
  body: await segmentsService().members(params.id, query.limit, query.cursor),
}));
