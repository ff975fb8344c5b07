import { httpHandler } from '../../shared/core/http/handler';
import { importTemplatesService } from '../../shared/imports/imports-wiring';
import { importRoutes } from '../../shared/imports/routes';

export const handler = httpHandler(importRoutes.listImportTemplates)(async ({ query }) => ({
  status: 200,
  body: await importTemplatesService().list(query.limit, query.cursor),
}));
