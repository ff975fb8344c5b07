import { retrying } from '../core/retry';
import type { Channel, Contact } from './contact';
import { ContactChangedError, type ContactsRepository } from './contacts-repository';

/**
 * Records a refusal the person made themselves (an unsubscribe link, a STOP reply): consent on the channel is
 * withdrawn at once as an opt-out, which no later import grants over, with its time and source. A contact who
 * refused already keeps their first refusal; a contact changed meanwhile is read again. The contact as it is
 * after, or undefined when there is none.
 */
export async function refuseConsent(
  contacts: ContactsRepository,
  contactId: string,
  change: { channel: Channel; source: string; at: Date },
): Promise<Contact | undefined> {
  return retrying(
    { attempts: 5 },
    (error) => error instanceof ContactChangedError,
    async () => {
      const stored = await contacts.get(contactId);
      if (!stored || stored.contact.consent[change.channel]?.optOut) return stored?.contact;
      const timestamp = change.at.toISOString();
      const refused: Contact = {
        ...stored.contact,
        consent: {
          ...stored.contact.consent,
          [change.channel]: { granted: false, optOut: true, source: change.source, timestamp },
        },
        updatedAt: timestamp,
      };
      return contacts.replace(stored, refused);
    },
  );
}
