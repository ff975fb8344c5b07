import { unsubscribeService } from '../../shared/campaigns/campaigns-wiring';
import { renderUnsubscribePage } from '../../shared/campaigns/unsubscribe-page';
import { unsubscribeRoutes } from '../../shared/campaigns/unsubscribe-routes';
import { runtimeEnv } from '../../shared/core/config/runtime-env';
import { httpHandler } from '../../shared/core/http/handler';
import { htmlError, htmlResult, wantsHtml } from '../../shared/surveys/citizen/citizen-http';

export const handler = httpHandler(unsubscribeRoutes.getUnsubscribe)(async ({ params, event }) => {
  if (!wantsHtml(event)) {
    const { unsubscribed, test } = await unsubscribeService().view(params.token);
    return { status: 200, body: { unsubscribed, ...(test && { test }) } };
  }
  try {
    const view = await unsubscribeService().view(params.token);
    return htmlResult(200, renderUnsubscribePage(view, runtimeEnv().CITY_NAME, event.rawPath));
  } catch (error) {
    return htmlError(error);
  }
});
