import { httpHandler } from '../../shared/core/http/handler';
import { importsService } from '../../shared/imports/imports-wiring';
import { importRoutes } from '../../shared/imports/routes';

export const handler = httpHandler(importRoutes.setImportMapping)(async ({ params, body }) => ({
  status: 200,
  body: await importsService().setSettings(params.id, body),
}));
