import { httpHandler } from '../../shared/core/http/handler';
import { importsService } from '../../shared/imports/imports-wiring';
import { importRoutes } from '../../shared/imports/routes';

export const handler = httpHandler(importRoutes.deleteImport)(async ({ params }) => {
  await importsService().deleteUnused(params.id);
  return { status: 204 };
});
