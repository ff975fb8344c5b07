import { duplicatesService } from '../../shared/contacts/contacts-wiring';
import { duplicateRoutes } from '../../shared/contacts/duplicates-routes';
import { httpHandler } from '../../shared/core/http/handler';

export const handler = httpHandler(duplicateRoutes.mergeDuplicates)(async ({ params, body, caller }) => ({
  status: 200,
  body: await duplicatesService().merge(params.id, body.keep, caller),
}));
