import { httpHandler } from '../../shared/core/http/handler';
import { importsService } from '../../shared/imports/imports-wiring';
import { routes } from '../../shared/routes';

export const handler = httpHandler(routes.setImportMapping, async ({ params, body }) => ({
  status: 200,
  body: await importsService().setSettings(params.id, body),
}));
