import { httpHandler } from '../../shared/core/http/handler';
import { importsService } from '../../shared/imports/imports-wiring';
import { importRoutes } from '../../shared/imports/routes';

export const handler = httpHandler(importRoutes.startImport)(async ({ params }) => ({
  status: 202,
  body: await importsService().start(params.id),
}));
