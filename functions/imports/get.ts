import { httpHandler } from '../../shared/core/http/handler';
import { importsService } from '../../shared/imports/imports-wiring';
import { importRoutes } from '../../shared/imports/routes';

export const handler = httpHandler(importRoutes.getImport)(async ({ params }) => ({
  status: 200,
  body: await importsService().get(params.id),
}));
