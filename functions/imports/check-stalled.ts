import { logger } from '../../shared/core/observability/logger';
import { observed } from '../../shared/core/observability/observed';
import { stalledImports } from '../../shared/imports/imports-wiring';

/** Every few minutes (SCHEDULED_TASKS): imports whose job was lost are resumed from their checkpoint or failed. */
export const handler = observed<unknown>().handler(async () => {
  const outcome = await stalledImports().check();
  logger.info('Stalled imports checked', outcome);
});
