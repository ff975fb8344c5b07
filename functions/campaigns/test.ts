import { campaignPreviewsService } from '../../shared/campaigns/campaigns-wiring';
import { campaignRoutes } from '../../shared/campaigns/routes';
import { httpHandler } from '../../shared/core/http/handler';

export const handler = httpHandler(campaignRoutes.testCampaign)(async ({ params, body }) => ({
  status: 200,
  body: await campaignPreviewsService().test(params.id, body.addresses, body.contactId),
}));
