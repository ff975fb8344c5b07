import { Logger } from '@aws-lambda-powertools/logger';

/** One logger per execution environment; level from POWERTOOLS_LOG_LEVEL. Never log request bodies: they hold personal data. */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'voxcitio' });
