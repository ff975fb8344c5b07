import { campaignsService } from '../../shared/campaigns/campaigns-wiring';
import { campaignRoutes } from '../../shared/campaigns/routes';
import { httpHandler } from '../../shared/core/http/handler';

export const handler = httpHandler(campaignRoutes.listCampaignDeliveries)(async ({ params, query }) => ({
  status: 200,
  body: await campaignsService().deliveryPage(params.id, query.limit, query.cursor, query.status),
}));
