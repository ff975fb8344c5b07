import { httpHandler } from '../../shared/core/http/handler';
import { importsService } from '../../shared/imports/imports-wiring';
import { routes } from '../../shared/routes';

export const handler = httpHandler(routes.createImport, async ({ body, caller }) => ({
  status: 201,
  body: await importsService().create(caller.subject, body),
}));
