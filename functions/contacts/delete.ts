import { routes } from '../../shared/api/routes';
import { httpHandler } from '../../shared/http/handler';
import { contactsService } from '../../shared/services/contacts-wiring';

export const handler = httpHandler(routes.deleteContact, async ({ params }) => {
  await contactsService().delete(params.id);
  return { status: 204 };
});
