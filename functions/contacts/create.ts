import { contactsService } from '../../shared/contacts/contacts-wiring';
import { httpHandler } from '../../shared/core/http/handler';
import { routes } from '../../shared/routes';

export const handler = httpHandler(routes.createContact, async ({ body }) => ({
  status: 201,
  body: await contactsService().create(body),
}));
