import { routes } from '../../shared/api/routes';
import { httpHandler } from '../../shared/http/handler';
import { contactsService } from '../../shared/services/contacts-wiring';

export const handler = httpHandler(routes.getContact, async ({ params }) => ({
  status: 200,
  body: await contactsService().get(params.id),
}));
