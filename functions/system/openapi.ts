import { buildOpenApiDocument } from '../../shared/api/openapi';
import { allRoutes, routes } from '../../shared/api/routes';
import { httpHandler } from '../../shared/http/handler';

let document: ReturnType<typeof buildOpenApiDocument> | undefined;

export const handler = httpHandler(routes.openApi, async ({ event }) => {
  const protocol = event.headers['x-forwarded-proto'] ?? 'https';
  document ??= buildOpenApiDocument(allRoutes, { serverUrl: `${protocol}://${event.requestContext.domainName}` });
  return { status: 200, body: document };
});
