import { contactsService } from '../../shared/contacts/contacts-wiring';
import { contactRoutes } from '../../shared/contacts/routes';
import { httpHandler } from '../../shared/core/http/handler';

export const handler = httpHandler(contactRoutes.createContact)(async ({ body }) => ({
  status: 201,
  body: await contactsService().create(body),
}));
