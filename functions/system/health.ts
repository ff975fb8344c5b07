import { httpHandler } from '../../shared/core/http/handler';
import { systemRoutes } from '../../shared/system/routes';

export const handler = httpHandler(systemRoutes.health)(async () => ({ status: 200, body: { status: 'ok' } }));
