import { httpHandler } from '../../shared/core/http/handler';
import { importsService } from '../../shared/imports/imports-wiring';
import { routes } from '../../shared/routes';

export const handler = httpHandler(routes.createImportTemplate, async ({ body, caller }) => ({
  status: 201,
  body: await importsService().createTemplate(caller.subject, body),
}));
