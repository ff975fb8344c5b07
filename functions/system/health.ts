import { routes } from '../../shared/api/routes';
import { httpHandler } from '../../shared/http/handler';

export const handler = httpHandler(routes.health, async () => ({ status: 200, body: { status: 'ok' } }));
