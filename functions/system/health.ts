import { runtimeEnv } from '../../shared/core/config/runtime-env';
import { documentClient } from '../../shared/core/db/client';
import { RETRY_AFTER_SECONDS } from '../../shared/core/errors';
import { httpHandler } from '../../shared/core/http/handler';
import { checkHealth } from '../../shared/system/health-service';
import { systemRoutes } from '../../shared/system/routes';

export const handler = httpHandler(systemRoutes.health)(async ({ query }) => {
  if (!query.deep) return { status: 200, body: { status: 'ok' } };
  const checks = await checkHealth(documentClient, runtimeEnv().TABLE_NAME);
  return checks.table === 'reachable'
    ? { status: 200, body: { status: 'ok', checks } }
    : { status: 503, body: { status: 'unavailable', checks }, headers: { 'retry-after': String(RETRY_AFTER_SECONDS) } };
});
