import { contactsService } from '../../shared/contacts/contacts-wiring';
import { httpHandler } from '../../shared/core/http/handler';
import { routes } from '../../shared/routes';

export const handler = httpHandler(routes.updateContact, async ({ params, body }) => ({
  status: 200,
  body: await contactsService().update(params.id, body),
}));
