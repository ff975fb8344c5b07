import { refuseConsent } from '../contacts/consent-refusal-service';
import type { ContactsRepository } from '../contacts/contacts-repository';
import { NotFoundError } from '../core/errors';
import type { CampaignsRepository } from './campaigns-repository';
import type { UnsubscribeView } from './unsubscribe-page';
import { readUnsubscribeToken } from './unsubscribe-token';

/** The token test messages carry in their links (campaigns-service.ts). */
export const TEST_UNSUBSCRIBE_TOKEN = 'test-message';

/**
 * One-click unsubscribe (RFC 8058): a signed link withdraws the contact's email consent at once, as a refusal
 * (optOut) no later import grants consent over, with the campaign it came from as the source. The sender reads
 * consent again before every call, so messages still queued are not sent either.
 */
export class UnsubscribeService {
  constructor(
    private readonly contacts: ContactsRepository,
    private readonly campaigns: CampaignsRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async view(token: string): Promise<UnsubscribeView> {
    if (token === TEST_UNSUBSCRIBE_TOKEN) return { language: 'en', unsubscribed: false, test: true };
    const { contact } = await this.read(token);
    return { language: contact?.language ?? 'en', unsubscribed: contact?.consent.email?.optOut === true };
  }

  async unsubscribe(token: string): Promise<UnsubscribeView> {
    if (token === TEST_UNSUBSCRIBE_TOKEN) return { language: 'en', unsubscribed: false, test: true };
    const { request, contact } = await this.read(token);
    // Someone whose contact was deleted is not sent to either: the link still answers that they are out.
    if (!contact) return { language: 'en', unsubscribed: true };
    if (contact.consent.email?.optOut) return { language: contact.language ?? 'en', unsubscribed: true };
    const campaign = await this.campaigns.get(request.campaignId);
    const after = await refuseConsent(this.contacts, contact.id, {
      channel: 'email',
      source: `unsubscribe link${campaign ? ` (campaign “${campaign.name}”)` : ''}`,
      at: this.now(),
    });
    return { language: after?.language ?? contact.language ?? 'en', unsubscribed: true };
  }

  private async read(token: string) {
    const request = await readUnsubscribeToken(token);
    if (!request) throw new NotFoundError('This unsubscribe link is not valid.');
    return { request, contact: (await this.contacts.get(request.contactId))?.contact };
  }
}
