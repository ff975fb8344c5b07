import { campaignRoutes } from './campaigns/routes';
import { unsubscribeRoutes } from './campaigns/unsubscribe-routes';
import { duplicateRoutes } from './contacts/duplicates-routes';
import { contactRoutes } from './contacts/routes';
import { importRoutes } from './imports/routes';
import { segmentRoutes } from './segments/routes';
import { citizenRoutes } from './surveys/citizen/routes';
import { surveyRoutes } from './surveys/routes';
import { systemRoutes } from './system/routes';

/**
 * Every capability's routes in one index: the CDK stack, the local runner and the OpenAPI document read it.
 * Handlers import their own capability's routes instead, so a bundle carries only its own schemas.
 * The catch-all (system's notFound) comes last.
 */
export const routes = {
  ...contactRoutes,
  ...duplicateRoutes,
  ...importRoutes,
  ...segmentRoutes,
  ...surveyRoutes,
  ...citizenRoutes,
  ...campaignRoutes,
  ...unsubscribeRoutes,
  ...systemRoutes,
};

export const allRoutes = Object.values(routes);
