import { contactsService } from '../../shared/contacts/contacts-wiring';
import { httpHandler } from '../../shared/core/http/handler';
import { routes } from '../../shared/routes';

export const handler = httpHandler(routes.deleteContact, async ({ params }) => {
  await contactsService().delete(params.id);
  return { status: 204 };
});
