import { campaignsService } from '../../shared/campaigns/campaigns-wiring';
import { campaignRoutes } from '../../shared/campaigns/routes';
import { httpHandler } from '../../shared/core/http/handler';

export const handler = httpHandler(campaignRoutes.listCampaigns)(async ({ query }) => ({
  status: 200,
  body: await campaignsService().list(query.limit, query.cursor),
}));
