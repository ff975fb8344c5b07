import { httpHandler } from '../../shared/core/http/handler';
import { stalledImports } from '../../shared/imports/imports-wiring';
import { importRoutes } from '../../shared/imports/routes';

export const handler = httpHandler(importRoutes.resumeImport)(async ({ params }) => ({
  status: 202,
  body: await stalledImports().resume(params.id),
}));
