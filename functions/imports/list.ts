import { httpHandler } from '../../shared/core/http/handler';
import { importsService } from '../../shared/imports/imports-wiring';
import { importRoutes } from '../../shared/imports/routes';

export const handler = httpHandler(importRoutes.listImports)(async ({ query }) => ({
  status: 200,
  body: await importsService().list(query.limit, query.cursor),
}));
