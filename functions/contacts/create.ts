import { routes } from '../../shared/api/routes';
import { httpHandler } from '../../shared/http/handler';
import { contactsService } from '../../shared/services/contacts-wiring';

export const handler = httpHandler(routes.createContact, async ({ body }) => ({
  status: 201,
  body: await contactsService().create(body),
}));
