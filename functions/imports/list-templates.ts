import { httpHandler } from '../../shared/core/http/handler';
import { importsService } from '../../shared/imports/imports-wiring';
import { routes } from '../../shared/routes';

export const handler = httpHandler(routes.listImportTemplates, async () => ({
  status: 200,
  body: { items: await importsService().listTemplates() },
}));
