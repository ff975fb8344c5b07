import { campaignPreviewsService } from '../../shared/campaigns/campaigns-wiring';
import { campaignRoutes } from '../../shared/campaigns/routes';
import { httpHandler } from '../../shared/core/http/handler';

export const handler = httpHandler(campaignRoutes.previewCampaign)(async ({ params, query }) => ({
  status: 200,
  body: await campaignPreviewsService().preview(params.id, query.contactId),
}));
