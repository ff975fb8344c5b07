import { httpHandler } from '../../shared/core/http/handler';
import { importsService } from '../../shared/imports/imports-wiring';
import { routes } from '../../shared/routes';

export const handler = httpHandler(routes.startImport, async ({ params }) => ({
  status: 202,
  body: await importsService().start(params.id),
}));
