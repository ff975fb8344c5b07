import { routes } from '../../shared/api/routes';
import { httpHandler } from '../../shared/http/handler';
import { importsService } from '../../shared/services/imports-wiring';

export const handler = httpHandler(routes.createImportTemplate, async ({ body, caller }) => ({
  status: 201,
  body: await importsService().createTemplate(caller.subject, body),
}));
