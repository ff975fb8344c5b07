import { createHash, randomBytes } from 'node:crypto';
import * as z from 'zod';

/**
 * Citizen links carry a random token of 160 bits. The database keeps only hashes of it, each under its own
 * label: the link is found by one hash, a named survey's personal response by another. Anonymous surveys key
 * their responses at random instead, since whoever holds the link file holds the tokens (docs/privacy.md).
 */
const TOKEN_BYTES = 20;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{27}$/;

export const newLinkToken = (): string => randomBytes(TOKEN_BYTES).toString('base64url');

/** Well-formed tokens only reach the database; the format is no secret, so refusing others early leaks nothing. */
export const isWellFormedToken = (token: string): boolean => TOKEN_PATTERN.test(token);

const hash = (label: string, ...parts: string[]) =>
  createHash('sha256')
    .update([label, ...parts].join('\u0000'))
    .digest('base64url');

/** The key a link is stored under. */
export const linkTokenHash = (token: string) => hash('voxcitio-link', token);

/** The key of the one response a personal link to a named survey may give (and edit until the survey closes). */
export const personalResponseKey = (token: string) => hash('voxcitio-response', token);

/** The key of the one response a device may give to a public survey that asks for one per device. */
export const deviceResponseKey = (surveyId: string, deviceToken: string) =>
  hash('voxcitio-device-response', surveyId, deviceToken);

/** Citizen links are /s/{token} under the base URL they are served from. */
export const citizenLinkPath = (token: string) => `/s/${token}`;

/** A link file's CSV and JSON downloads, as SurveyFileWriter.writeLinks hands them over. */
const linkFileDownloads = {
  downloads: z.object({ csv: z.string(), json: z.string() }),
  expiresAt: z.iso.datetime(),
};

/** What minting links answers: how many, and the new links as downloads (the only copy of their tokens). */
export const mintedLinksSchema = z.object({
  invited: z.number(),
  alreadyInvited: z.number(),
  nextCursor: z
    .string()
    .optional()
    .describe('Present when time ran short before the end of the segment: call again with it to go on'),
  ...linkFileDownloads,
});
export type MintedLinks = z.infer<typeof mintedLinksSchema>;

/** Links of contacts who have not answered, issued again in a file of their own. */
export const reissuedLinksSchema = z.object({
  reissued: z.number().describe('Links in the new files'),
  unavailable: z
    .object({
      fileGone: z
        .number()
        .describe(
          'Not answered, but the file their token was minted into is past the deployment’s surveyFilesRetentionDays (or predates this)',
        ),
      contactGone: z.number().describe('Not answered, but the contact has been deleted since'),
    })
    .describe('Invitations not answered whose link cannot be given again'),
  nextCursor: z
    .string()
    .optional()
    .describe('Present when time ran short before the last invitation: call again with it for the rest'),
  ...linkFileDownloads,
});
export type ReissuedLinks = z.infer<typeof reissuedLinksSchema>;

/** One page of a survey's invitations, as staff see them (no token hash). */
export const invitationPageSchema = z.object({
  items: z.array(
    z.object({
      contactId: z.string(),
      ward: z.string(),
      language: z.string().optional(),
      responded: z.boolean(),
      revoked: z.boolean().optional(),
      createdAt: z.string(),
    }),
  ),
  nextCursor: z.string().optional(),
});
export type InvitationPage = z.infer<typeof invitationPageSchema>;
