import { httpHandler } from '../../shared/core/http/handler';
import { importsService } from '../../shared/imports/imports-wiring';
import { importRoutes } from '../../shared/imports/routes';

export const handler = httpHandler(importRoutes.createImport)(async ({ body, caller }) => ({
  status: 201,
  body: await importsService().create(caller.subject, body),
}));
