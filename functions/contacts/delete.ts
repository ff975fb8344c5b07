import { contactsService } from '../../shared/contacts/contacts-wiring';
import { contactRoutes } from '../../shared/contacts/routes';
import { httpHandler } from '../../shared/core/http/handler';

export const handler = httpHandler(contactRoutes.deleteContact)(async ({ params }) => {
  await contactsService().delete(params.id);
  return { status: 204 };
});
