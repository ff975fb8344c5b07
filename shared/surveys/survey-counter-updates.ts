import type { TransactItem } from '../core/db/transactions';
import { counterShardEntity } from './entities';
import type { Counters } from './survey-results';

/**
 * The transaction items that add to a survey's counters. Results are counters spread over COUNTER_SHARDS
 * items (each a partition of its own, so concurrent submissions rarely meet); every change to a survey
 * stamps its version on each shard, and counting is conditional on that version.
 */
export const COUNTER_SHARDS = 16;
/** Counter updates per item, keeping each update expression well inside DynamoDB's 4 KB. */
const COUNTERS_PER_UPDATE = 150;

/**
 * Adds to counters of one shard; with a version, only while the shard holds that survey version (a change
 * that adds nothing still checks it).
 */
export function addCounters(surveyId: string, shard: number, counters: Counters, surveyVersion?: number): TransactItem {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const additions = Object.entries(counters).map(([name, value], index) => {
    names[`#c${index}`] = name;
    values[`:c${index}`] = value;
    return `#c${index} :c${index}`;
  });
  const versionCheck = surveyVersion !== undefined && {
    ConditionExpression: 'attribute_not_exists(surveyVersion) OR surveyVersion = :surveyVersion',
  };
  if (surveyVersion !== undefined) values[':surveyVersion'] = surveyVersion;
  if (additions.length === 0)
    return {
      ConditionCheck: {
        Key: counterShardEntity.key(surveyId, shard),
        ...versionCheck,
        ExpressionAttributeValues: values,
      },
    };
  return {
    Update: {
      Key: counterShardEntity.key(surveyId, shard),
      UpdateExpression: `ADD ${additions.join(', ')}`,
      ...versionCheck,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/** A response's change to the counters, a part per shard from `shard` on: a transaction may touch an item once. */
export function counterChangeItems(
  surveyId: string,
  shard: number,
  change: Counters,
  surveyVersion: number,
): TransactItem[] {
  const names = Object.keys(change);
  const parts = names.length === 0 ? [[]] : chunks(names, COUNTERS_PER_UPDATE);
  return parts.map((part, offset) =>
    addCounters(
      surveyId,
      (shard + offset) % COUNTER_SHARDS,
      Object.fromEntries(part.map((name) => [name, change[name] as number])),
      surveyVersion,
    ),
  );
}

const chunks = <T>(values: readonly T[], size: number): T[][] => {
  const result: T[][] = [];
  for (let start = 0; start < values.length; start += size) result.push(values.slice(start, start + size));
  return result;
};

/** A shard at random, for a write that counts: concurrent writes rarely meet on one. */
export const randomShard = () => Math.floor(Math.random() * COUNTER_SHARDS);
