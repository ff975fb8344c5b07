import { routes } from '../../shared/api/routes';
import { httpHandler } from '../../shared/http/handler';
import { importsService } from '../../shared/services/imports-wiring';

export const handler = httpHandler(routes.listImportTemplates, async () => ({
  status: 200,
  body: { items: await importsService().listTemplates() },
}));
