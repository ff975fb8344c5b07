import { routes } from '../../shared/api/routes';
import { httpHandler } from '../../shared/http/handler';
import { contactsService } from '../../shared/services/contacts-wiring';

export const handler = httpHandler(routes.updateContact, async ({ params, body }) => ({
  status: 200,
  body: await contactsService().update(params.id, body),
}));
