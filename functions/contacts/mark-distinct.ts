import { duplicatesService } from '../../shared/contacts/contacts-wiring';
import { duplicateRoutes } from '../../shared/contacts/duplicates-routes';
import { httpHandler } from '../../shared/core/http/handler';

export const handler = httpHandler(duplicateRoutes.markDuplicatesDistinct)(async ({ params, caller }) => {
  await duplicatesService().markDistinct(params.id, caller);
  return { status: 204 };
});
