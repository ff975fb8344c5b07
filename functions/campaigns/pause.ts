import { campaignsService } from '../../shared/campaigns/campaigns-wiring';
import { campaignRoutes } from '../../shared/campaigns/routes';
import { httpHandler } from '../../shared/core/http/handler';

export const handler = httpHandler(campaignRoutes.pauseCampaign)(async ({ params, caller }) => ({
  status: 200,
  body: await campaignsService().pause(params.id, caller),
}));
