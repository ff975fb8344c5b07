import { campaignsService } from '../../shared/campaigns/campaigns-wiring';
import { campaignRoutes } from '../../shared/campaigns/routes';
import { httpHandler } from '../../shared/core/http/handler';

export const handler = httpHandler(campaignRoutes.cancelCampaign)(async ({ params }) => ({
  status: 200,
  body: await campaignsService().cancel(params.id),
}));
