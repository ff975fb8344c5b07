import { routes } from '../../shared/api/routes';
import { httpHandler } from '../../shared/http/handler';
import { importsService } from '../../shared/services/imports-wiring';

export const handler = httpHandler(routes.getImport, async ({ params }) => ({
  status: 200,
  body: await importsService().get(params.id),
}));
