import { httpHandler } from '../../shared/core/http/handler';
import { buildOpenApiDocument } from '../../shared/core/routes/openapi';
import { allRoutes, routes } from '../../shared/routes';

let document: ReturnType<typeof buildOpenApiDocument> | undefined;

export const handler = httpHandler(routes.openApi)(async ({ event }) => {
  const protocol = event.headers['x-forwarded-proto'] ?? 'https';
  document ??= buildOpenApiDocument(allRoutes, { serverUrl: `${protocol}://${event.requestContext.domainName}` });
  return { status: 200, body: document };
});
