import { routes } from '../../shared/api/routes';
import { httpHandler } from '../../shared/http/handler';
import { importsService } from '../../shared/services/imports-wiring';

export const handler = httpHandler(routes.listImports, async ({ query }) => ({
  status: 200,
  body: await importsService().list(query.limit, query.cursor),
}));
