import { campaignsService } from '../../shared/campaigns/campaigns-wiring';
import { campaignRoutes } from '../../shared/campaigns/routes';
import { httpHandler } from '../../shared/core/http/handler';

export const handler = httpHandler(campaignRoutes.updateCampaign)(async ({ params, body }) => ({
  status: 200,
  body: await campaignsService().update(params.id, body),
}));
