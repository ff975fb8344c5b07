import { campaignsService } from '../../shared/campaigns/campaigns-wiring';
import { logger } from '../../shared/core/observability/logger';
import { observed } from '../../shared/core/observability/observed';

/** Every minute: starts the campaigns whose sendAt has come. */
export const handler = observed().handler(async () => {
  const started = await campaignsService().startDue();
  if (started > 0) logger.info('Started scheduled campaigns', { started });
});
