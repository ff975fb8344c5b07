import { httpHandler } from '../../shared/core/http/handler';
import { segmentRoutes } from '../../shared/segments/routes';
import { segmentsService } from '../../shared/segments/segments-wiring';

export const handler = httpHandler(segmentRoutes.createSegment)(async ({ body, caller }) => ({
  status: 201,
  body: await segmentsService().create(caller.subject, body),
}));
