import { contactsService } from '../../shared/contacts/contacts-wiring';
import { httpHandler } from '../../shared/core/http/handler';
import { routes } from '../../shared/routes';

export const handler = httpHandler(routes.listContacts, async ({ query }) => ({
  status: 200,
  body: await contactsService().list(query),
}));
