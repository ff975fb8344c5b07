import { campaignEntity, deliveryEntity, sendCallEntity, suppressionEntity } from './campaigns/entities';
import { contactClaimEntity, contactEntity, possibleDuplicateEntity } from './contacts/entities';
import type { TableItems } from './core/db/table-items';
import {
  droppedFileEntity,
  importEntity,
  importRejectEntity,
  importTemplateEntity,
  importWarningEntity,
  templateSlugEntity,
} from './imports/entities';
import { segmentCountEntity, segmentEntity } from './segments/entities';
import { counterShardEntity, invitationEntity, linkEntity, responseEntity, surveyEntity } from './surveys/entities';
import { healthProbeEntity } from './system/entities';

/**
 * Every kind of item in the single table, by its `entity` name: what the functions' table grants name, so
 * that the CDK stack (IAM with dynamodb:LeadingKeys) and the local runner (which checks every call against
 * the same grants) read one list.
 */
export const ALL_ENTITIES = Object.fromEntries(
  [
    contactEntity,
    contactClaimEntity,
    possibleDuplicateEntity,
    importEntity,
    importRejectEntity,
    importWarningEntity,
    droppedFileEntity,
    importTemplateEntity,
    templateSlugEntity,
    segmentEntity,
    segmentCountEntity,
    surveyEntity,
    counterShardEntity,
    invitationEntity,
    responseEntity,
    linkEntity,
    campaignEntity,
    deliveryEntity,
    sendCallEntity,
    suppressionEntity,
    healthProbeEntity,
  ].map((entity) => [entity.entity, entity]),
) as Record<
  string,
  { entity: string; partitionPrefixes: readonly string[]; indexPartitionPrefixes: readonly string[] }
>;

/** The partition keys a declaration lets a function read, write and query indexes by. */
export function grantedPrefixes(items: TableItems | undefined) {
  const prefixes = (names: readonly string[] | undefined, of: 'partitionPrefixes' | 'indexPartitionPrefixes') =>
    (names ?? []).flatMap((name) => {
      const entity = ALL_ENTITIES[name];
      if (!entity) throw new Error(`No entity is named ${name}`);
      return entity[of];
    });
  const write = prefixes(items?.write, 'partitionPrefixes');
  return {
    read: [...prefixes(items?.read, 'partitionPrefixes'), ...write],
    write,
    index: prefixes(items?.indexes, 'indexPartitionPrefixes'),
    other: items?.describe ? ['DescribeTableCommand'] : [],
  };
}
