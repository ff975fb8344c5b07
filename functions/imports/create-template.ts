import { httpHandler } from '../../shared/core/http/handler';
import { importTemplatesService } from '../../shared/imports/imports-wiring';
import { importRoutes } from '../../shared/imports/routes';

export const handler = httpHandler(importRoutes.createImportTemplate)(async ({ body, caller }) => ({
  status: 201,
  body: await importTemplatesService().create(caller.subject, body),
}));
