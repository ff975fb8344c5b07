import type { Contact } from '../contacts/contact';
import type { ContactsRepository } from '../contacts/contacts-repository';
import { ConflictError, NotFoundError } from '../core/errors';
import type { SurveyFileWriter } from './survey-file-writer';
import { linkTokenHash, type ReissuedLinks } from './survey-links';
import type { SurveysRepository } from './surveys-repository';

const INVITATIONS_PER_PAGE = 100;

/**
 * Issues again the personal links of contacts who have not answered: a manager who missed the hour a link
 * file's download lasts gets a fresh file of those links (the same tokens, so links already sent keep
 * working). A token exists only in the file it was minted into, kept for the deployment's
 * `surveyFilesRetentionDays`: past that, or for an invitation minted before files were recorded, the link is
 * counted as unavailable. Contacts deleted since are left out, and the others' details are read afresh.
 * Sending the links (messaging) is the normal path; this is for the exceptions.
 */
export class ReissuedLinksService {
  constructor(
    private readonly surveys: SurveysRepository,
    private readonly contacts: ContactsRepository,
    private readonly files: SurveyFileWriter,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async reissueUnanswered(
    surveyId: string,
    options: { cursor?: string; timeIsShort?: () => boolean } = {},
  ): Promise<ReissuedLinks> {
    const survey = await this.surveys.get(surveyId);
    if (!survey) throw new NotFoundError(`No survey with id ${surveyId}.`);
    if (survey.status === 'closed')
      throw new ConflictError('The survey is closed: its links answer 410, so there is nothing to send again.');
    const linkFiles = new Map<string, Map<string, string> | undefined>();
    const links: { contact: Contact; token: string }[] = [];
    const unavailable = { fileGone: 0, contactGone: 0 };
    let cursor = options.cursor;
    do {
      const page = await this.surveys.invitations(surveyId, { responded: false }, INVITATIONS_PER_PAGE, cursor);
      cursor = page.nextCursor;
      const found: { contactId: string; token: string }[] = [];
      for (const invitation of page.items) {
        const file = invitation.linkFile;
        if (file !== undefined && !linkFiles.has(file)) linkFiles.set(file, await this.files.readLinks(file));
        const token = file === undefined ? undefined : linkFiles.get(file)?.get(invitation.contactId);
        // A token that is not the invitation's own is a file from before a revoke: no link to give.
        if (token === undefined || linkTokenHash(token) !== invitation.tokenHash) unavailable.fileGone++;
        else found.push({ contactId: invitation.contactId, token });
      }
      const contacts = await this.contacts.getMany(found.map(({ contactId }) => contactId));
      for (const { contactId, token } of found) {
        const stored = contacts.get(contactId);
        if (stored) links.push({ contact: stored.contact, token });
        else unavailable.contactGone++;
      }
    } while (cursor && !options.timeIsShort?.());
    return {
      reissued: links.length,
      unavailable,
      ...(cursor && { nextCursor: cursor }),
      ...(await this.files.writeLinks(surveyId, links, this.now(), 'reissued')),
    };
  }
}
