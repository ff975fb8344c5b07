import { Logger } from '@aws-lambda-powertools/logger';
import { search } from '@aws-lambda-powertools/logger/correlationId';

/**
 * One logger per execution environment; level from POWERTOOLS_LOG_LEVEL. The search function lets the
 * handler factory take the correlation id from the event with a JMESPath expression. Never log request
 * bodies: they hold personal data.
 */
export const logger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'voxcitio',
  correlationIdSearchFn: search,
});
