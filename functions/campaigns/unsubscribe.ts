import { unsubscribeService } from '../../shared/campaigns/campaigns-wiring';
import { renderUnsubscribePage } from '../../shared/campaigns/unsubscribe-page';
import { unsubscribeRoutes } from '../../shared/campaigns/unsubscribe-routes';
import { runtimeEnv } from '../../shared/core/config/runtime-env';
import { httpHandler } from '../../shared/core/http/handler';
import { htmlError, htmlResult, wantsHtml } from '../../shared/surveys/citizen/citizen-http';

/**
 * A mail provider's one-click POST (RFC 8058), the page's own form, or an API call: each unsubscribes at once.
 * No origin check, unlike survey forms: a mail provider posts from nowhere, and the signed token is the proof.
 */
export const handler = httpHandler(unsubscribeRoutes.unsubscribe)(async ({ params, event }) => {
  if (!wantsHtml(event)) {
    const { unsubscribed, test } = await unsubscribeService().unsubscribe(params.token);
    return { status: 200, body: { unsubscribed, ...(test && { test }) } };
  }
  try {
    const view = await unsubscribeService().unsubscribe(params.token);
    return htmlResult(200, renderUnsubscribePage(view, runtimeEnv().CITY_NAME, event.rawPath));
  } catch (error) {
    return htmlError(error);
  }
});
