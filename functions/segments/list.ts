import { routes } from '../../shared/api/routes';
import { httpHandler } from '../../shared/http/handler';
import { segmentsService } from '../../shared/services/segments-wiring';

export const handler = httpHandler(routes.listSegments, async () => ({
  status: 200,
  body: { items: await segmentsService().list() },
}));
