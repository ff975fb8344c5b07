import { campaignsService } from '../../shared/campaigns/campaigns-wiring';
import { campaignRoutes } from '../../shared/campaigns/routes';
import { httpHandler } from '../../shared/core/http/handler';

export const handler = httpHandler(campaignRoutes.createCampaign)(async ({ body, caller }) => ({
  status: 201,
  body: await campaignsService().create(caller, body),
}));
