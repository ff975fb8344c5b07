import { routes } from '../../shared/api/routes';
import { httpHandler } from '../../shared/http/handler';
import { importsService } from '../../shared/services/imports-wiring';

export const handler = httpHandler(routes.dryRunImport, async ({ params }) => ({
  status: 202,
  body: await importsService().dryRun(params.id),
}));
