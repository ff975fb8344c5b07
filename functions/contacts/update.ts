import { contactsService } from '../../shared/contacts/contacts-wiring';
import { contactRoutes } from '../../shared/contacts/routes';
import { httpHandler } from '../../shared/core/http/handler';

export const handler = httpHandler(contactRoutes.updateContact)(async ({ params, body }) => ({
  status: 200,
  body: await contactsService().update(params.id, body),
}));
