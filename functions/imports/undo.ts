import { routes } from '../../shared/api/routes';
import { httpHandler } from '../../shared/http/handler';
import { importsService } from '../../shared/services/imports-wiring';

export const handler = httpHandler(routes.undoImport, async ({ params }) => ({
  status: 200,
  body: await importsService().undo(params.id),
}));
