import { httpHandler } from '../../shared/core/http/handler';
import { importsService } from '../../shared/imports/imports-wiring';
import { routes } from '../../shared/routes';

export const handler = httpHandler(routes.getImport, async ({ params }) => ({
  status: 200,
  body: await importsService().get(params.id),
}));
