import { routes } from '../../shared/api/routes';
import { httpHandler } from '../../shared/http/handler';
import { importsService } from '../../shared/services/imports-wiring';

export const handler = httpHandler(routes.createImport, async ({ body, caller }) => ({
  status: 201,
  body: await importsService().create(caller.subject, body),
}));
