import { randomBytes } from 'node:crypto';
import type { Contact } from '../contacts/contact';
import { derivedToken } from '../core/secrets/signing';
import { addRateValues, rateValuesOf } from './survey-counter-bound';
import { randomShard } from './survey-counter-updates';
import { linkTokenHash, newLinkToken } from './survey-links';
import type { Invitation, SurveysRepository } from './surveys-repository';

/** Invitations written per transaction: two items each plus the counter shard, inside DynamoDB's 100. */
const INVITATIONS_PER_TRANSACTION = 49;
const TOKEN_BYTES = 20;

/**
 * A personal link a campaign sends: its token is computed from the survey, the contact and a salt kept on the
 * invitation, under the deployment's signing key, so a reminder carries the very link the invitation did
 * without any copy of the token being kept (docs/privacy.md).
 */
export const campaignLinkToken = (surveyId: string, contactId: string, salt: string) =>
  derivedToken('survey-link', `${surveyId}:${contactId}:${salt}`, TOKEN_BYTES);

/**
 * Writes personal invitations, each with its link, for contacts who hold none yet for a survey: random
 * tokens for a link file (`SurveysService.mintLinks`), or campaign tokens that a campaign computes again when
 * it sends (`linksFor`). Contacts invited meanwhile are left as they are.
 */
export class SurveyInvitationsService {
  constructor(
    private readonly surveys: SurveysRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Invites those of `contacts` with no invitation yet, a transaction per 49; returns the new ones' tokens. */
  async invite(
    surveyId: string,
    contacts: readonly Contact[],
    kind: { linkFile: string } | { campaign: true },
  ): Promise<{ minted: { contact: Contact; token: string }[]; existing: Map<string, Invitation> }> {
    const minted: { contact: Contact; token: string }[] = [];
    const existing = new Map<string, Invitation>();
    let pending = [...contacts];
    while (pending.length > 0) {
      const found = await this.surveys.invitationsOf(
        surveyId,
        pending.map((contact) => contact.id),
      );
      for (const [id, invitation] of found) existing.set(id, invitation);
      const fresh = pending.filter((contact) => !found.has(contact.id));
      pending = [];
      for (let start = 0; start < fresh.length; start += INVITATIONS_PER_TRANSACTION) {
        const batch = fresh.slice(start, start + INVITATIONS_PER_TRANSACTION);
        const salts = batch.map(() => randomBytes(12).toString('base64url'));
        const tokens = await Promise.all(
          batch.map((contact, index) =>
            'campaign' in kind ? campaignLinkToken(surveyId, contact.id, salts[index] as string) : newLinkToken(),
          ),
        );
        const createdAt = this.now().toISOString();
        const invitations: Invitation[] = batch.map((contact, index) => ({
          contactId: contact.id,
          tokenHash: linkTokenHash(tokens[index] as string),
          ward: contact.ward ?? '',
          ...(contact.language && { language: contact.language }),
          responded: false,
          createdAt,
          ...('linkFile' in kind ? { linkFile: kind.linkFile } : { linkSalt: salts[index] as string }),
        }));
        if (await this.surveys.invite(surveyId, invitations, randomShard())) {
          batch.forEach((contact, index) => {
            minted.push({ contact, token: tokens[index] as string });
          });
          continue;
        }
        // Someone invited one of these meanwhile: nothing was written; look again at the rest.
        pending = fresh.slice(start);
        break;
      }
    }
    return { minted, existing };
  }

  /**
   * The personal link token a campaign puts in each contact's message: a new invitation's, or an earlier
   * campaign's computed again. Undefined for a contact whose invitation cannot be given by a campaign: revoked,
   * or minted into a link file (its token is only there).
   */
  async linksFor(
    surveyId: string,
    contacts: readonly Contact[],
  ): Promise<{ links: Map<string, string | undefined>; tooManyRateValues?: true }> {
    const known = await this.surveys.invitationsOf(
      surveyId,
      contacts.map((contact) => contact.id),
    );
    const fresh = contacts.filter((contact) => !known.has(contact.id));
    // The same bound as minting into a file: the response rate's breakdown must fit its counter item.
    if (fresh.length > 0 && !addRateValues(rateValuesOf(await this.surveys.counters(surveyId)), fresh))
      return { links: new Map(), tooManyRateValues: true };
    const { minted, existing } = await this.invite(surveyId, contacts, { campaign: true });
    const links = new Map<string, string | undefined>(minted.map(({ contact, token }) => [contact.id, token]));
    for (const [contactId, invitation] of existing)
      links.set(
        contactId,
        invitation.linkSalt && !invitation.revoked
          ? await campaignLinkToken(surveyId, contactId, invitation.linkSalt)
          : undefined,
      );
    return { links };
  }
}
