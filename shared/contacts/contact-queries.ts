import type { PageCursor } from '../core/db/cursor';
import { INDEXES } from '../core/db/table-definition';
import type { Channel } from './contact';
import { contactEntity } from './entities';

/** Which contacts a listing, a count or a segment wants: the filters combine. */
export interface ContactFilter {
  ward?: string;
  language?: string;
  tag?: string;
  /** Contacts with every one of these tags. */
  tagsAll?: string[];
  /** Contacts with at least one of these tags. */
  tagsAny?: string[];
  consent?: Channel;
  /** Contacts this import created. */
  importId?: string;
}

/**
 * The query that serves a filter: the most selective key condition (the contacts of an import, a ward, a
 * language, else all contacts), and the rest of the filter as a filter expression.
 */
export function queryPlan(filter: ContactFilter) {
  const [role, part] = filter.importId
    ? (['contactsByImport', filter.importId] as const)
    : filter.ward
      ? (['contactsByWard', filter.ward] as const)
      : filter.language
        ? (['contactsByLanguage', filter.language] as const)
        : (['byKind'] as const);
  const parts = part === undefined ? [] : [part];
  const { indexName, partitionKey } = INDEXES[role];
  const keyShape: PageCursor['shape'] = contactEntity.indexCursor(role, ...parts);
  const partitionValue = contactEntity.partition(role, ...parts);
  const conditions: string[] = [];
  const names: Record<string, string> = { '#pk': partitionKey };
  const values: Record<string, unknown> = { ':pk': partitionValue };
  if (filter.importId && filter.ward) {
    conditions.push('#wardKey = :wardKey');
    names['#wardKey'] = INDEXES.contactsByWard.partitionKey;
    values[':wardKey'] = contactEntity.partition('contactsByWard', filter.ward);
  }
  if ((filter.importId || filter.ward) && filter.language) {
    conditions.push('#language = :language');
    names['#language'] = 'language';
    values[':language'] = filter.language;
  }
  const allTags = [...(filter.tag ? [filter.tag] : []), ...(filter.tagsAll ?? [])];
  const anyTags = filter.tagsAny ?? [];
  if (allTags.length + anyTags.length > 0) names['#tags'] = 'tags';
  allTags.forEach((tag, i) => {
    conditions.push(`contains(#tags, :all${i})`);
    values[`:all${i}`] = tag;
  });
  if (anyTags.length > 0) {
    conditions.push(`(${anyTags.map((_, i) => `contains(#tags, :any${i})`).join(' OR ')})`);
    anyTags.forEach((tag, i) => {
      values[`:any${i}`] = tag;
    });
  }
  if (filter.consent) {
    conditions.push('#consent.#channel.#granted = :granted');
    Object.assign(names, { '#consent': 'consent', '#channel': filter.consent, '#granted': 'granted' });
    values[':granted'] = true;
  }
  return { indexName, keyShape, names, values, conditions, filtered: conditions.length > 0 };
}

/** The table and index key of an item: where the next page starts. */
export function pickKey(item: Record<string, unknown>, attributes: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(attributes.map((name) => [name, item[name]]));
}
