import { contactsService } from '../../shared/contacts/contacts-wiring';
import { httpHandler } from '../../shared/core/http/handler';
import { routes } from '../../shared/routes';

export const handler = httpHandler(routes.getContact, async ({ params }) => ({
  status: 200,
  body: await contactsService().get(params.id),
}));
