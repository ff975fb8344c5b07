import { routes } from '../../shared/api/routes';
import { httpHandler } from '../../shared/http/handler';
import { segmentsService } from '../../shared/services/segments-wiring';

export const handler = httpHandler(routes.createSegment, async ({ body, caller }) => ({
  status: 201,
  body: await segmentsService().create(caller.subject, body),
}));
