import { httpHandler } from '../../shared/core/http/handler';
import { routes } from '../../shared/routes';
import { segmentsService } from '../../shared/segments/segments-wiring';

export const handler = httpHandler(routes.listSegments, async () => ({
  status: 200,
  body: { items: await segmentsService().list() },
}));
