import { duplicatesService } from '../../shared/contacts/contacts-wiring';
import { duplicateRoutes } from '../../shared/contacts/duplicates-routes';
import { httpHandler } from '../../shared/core/http/handler';

export const handler = httpHandler(duplicateRoutes.listDuplicates)(async ({ query }) => ({
  status: 200,
  body: await duplicatesService().list(query.limit, query.cursor),
}));
