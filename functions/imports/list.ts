import { httpHandler } from '../../shared/core/http/handler';
import { importsService } from '../../shared/imports/imports-wiring';
import { routes } from '../../shared/routes';

export const handler = httpHandler(routes.listImports, async ({ query }) => ({
  status: 200,
  body: await importsService().list(query.limit, query.cursor),
}));
