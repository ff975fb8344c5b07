import { httpHandler } from '../../shared/core/http/handler';
import { routes } from '../../shared/routes';
import { segmentsService } from '../../shared/segments/segments-wiring';

export const handler = httpHandler(routes.createSegment, async ({ body, caller }) => ({
  status: 201,
  body: await segmentsService().create(caller.subject, body),
}));
