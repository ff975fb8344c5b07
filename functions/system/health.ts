import { httpHandler } from '../../shared/core/http/handler';
import { routes } from '../../shared/routes';

export const handler = httpHandler(routes.health, async () => ({ status: 200, body: { status: 'ok' } }));
