import { httpHandler } from '../../shared/core/http/handler';
import { importTemplatesService } from '../../shared/imports/imports-wiring';
import { importRoutes } from '../../shared/imports/routes';

export const handler = httpHandler(importRoutes.listImportTemplates)(async () => ({
  status: 200,
  body: { items: await importTemplatesService().list() },
}));
