import { MethodNotAllowedError, NotFoundError } from '../../shared/core/errors';
import { httpHandler } from '../../shared/core/http/handler';
import { createRouteMatcher } from '../../shared/core/routes/route-matching';
import { allRoutes, routes } from '../../shared/routes';

const match = createRouteMatcher(allRoutes);

/** API Gateway sends every unmatched request here, so unknown routes get the same JSON errors as the rest of the API. */
export const handler = httpHandler(routes.notFound)(async ({ event }) => {
  const { method, path } = event.requestContext.http;
  const found = match(method, path);
  if (found.kind === 'wrongMethod') throw new MethodNotAllowedError(method, found.allowed);
  throw new NotFoundError(`No route for ${method} ${path}.`);
});
