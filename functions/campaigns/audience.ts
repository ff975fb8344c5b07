import { audienceCountService } from '../../shared/campaigns/campaigns-wiring';
import { campaignRoutes } from '../../shared/campaigns/routes';
import { httpHandler } from '../../shared/core/http/handler';

/** Time kept back to answer before the function's timeout. */
const RESERVE_MS = 4000;

export const handler = httpHandler(campaignRoutes.countCampaignAudience)(async ({ params, query, context }) => ({
  status: 200,
  body: await audienceCountService().count(params.id, {
    ...(query.cursor && { cursor: query.cursor }),
    timeIsShort: () => context.getRemainingTimeInMillis() < RESERVE_MS,
  }),
}));
