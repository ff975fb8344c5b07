import { defineEntity } from '../core/db/entity';
import type { Survey } from './survey';
import type { Answers } from './survey-answers';

export interface SurveyLink {
  tokenHash: string;
  surveyId: string;
  kind: 'personal' | 'public';
  contactId?: string;
  revoked?: boolean;
}

export interface Invitation {
  contactId: string;
  tokenHash: string;
  ward: string;
  language?: string;
  responded: boolean;
  revoked?: boolean;
  createdAt: string;
  /** The key of the JSON link file holding this invitation's token (the only copy): re-issued from there. */
  linkFile?: string;
  /** A campaign's invitation: the salt its token is computed from again (survey-invitations-service.ts). */
  linkSalt?: string;
}

export interface StoredResponse {
  key: string;
  answers: Answers;
  language: string;
  via: 'personal' | 'public';
  /** Only on responses to surveys that are not anonymous. */
  contactId?: string;
  submittedAt: string;
  updatedAt: string;
  revision: number;
}

/**
 * The surveys capability's items in the single table (docs/data-model.md). A survey's invitations and
 * responses share its partition, each kind under its own sort-key prefix; they store the survey's id for the
 * key and leave it out of what a read returns.
 */
export const surveyEntity = defineEntity({
  entity: 'survey',
  key: (id: string) => ({ pk: `SURVEY#${id}`, sk: 'SURVEY' }),
  identify: (survey: Survey): [string] => [survey.id],
  indexes: {
    byKind: {
      partition: () => 'SURVEY',
      partitionOf: () => [],
      sortOf: (survey) => `${survey.createdAt}#${survey.id}`,
    },
  },
});

/** Results kept at write time, spread over shards so that concurrent submissions rarely touch the same item. */
export const counterShardEntity = defineEntity({
  entity: 'surveyCounters',
  key: (surveyId: string, shard: number) => ({
    pk: `SURVEY_COUNTERS#${surveyId}#${String(shard).padStart(2, '0')}`,
    sk: 'COUNTERS',
  }),
  identify: (shard: { surveyId: string; shard: number }): [string, number] => [shard.surveyId, shard.shard],
});

/** One personal link per contact: its token's hash, the contact's ward and language, whether they answered. */
export const invitationEntity = defineEntity<
  Invitation & { surveyId: string },
  [surveyId: string, contactId: string],
  'surveyId'
>({
  entity: 'surveyInvitation',
  key: (surveyId, contactId) => ({ pk: `SURVEY#${surveyId}`, sk: `INVITE#${contactId}` }),
  identify: (invitation) => [invitation.surveyId, invitation.contactId],
  collection: (surveyId) => ({ pk: `SURVEY#${surveyId}`, skPrefix: 'INVITE#' }),
  stored: ['surveyId'],
});

/** A response, keyed by a hash of its link's token (or at random for public answers). */
export const responseEntity = defineEntity<
  StoredResponse & { surveyId: string },
  [surveyId: string, key: string],
  'surveyId'
>({
  entity: 'surveyResponse',
  key: (surveyId, key) => ({ pk: `SURVEY#${surveyId}`, sk: `RESPONSE#${key}` }),
  identify: (response) => [response.surveyId, response.key],
  collection: (surveyId) => ({ pk: `SURVEY#${surveyId}`, skPrefix: 'RESPONSE#' }),
  stored: ['surveyId'],
});

/** A citizen link, found by the SHA-256 of its token (the token itself is never stored). */
export const linkEntity = defineEntity({
  entity: 'surveyLink',
  key: (tokenHash: string) => ({ pk: `SURVEY_LINK#${tokenHash}`, sk: 'LINK' }),
  identify: (link: SurveyLink): [string] => [link.tokenHash],
});
