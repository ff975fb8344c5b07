import type { PageCursor } from './cursor';
import { INDEXES, TABLE } from './table-definition';

/**
 * A stored entity, declared once (after ElectroDB's entities): its primary key from the values that identify
 * it, the index partitions it is found by, the collection it belongs to within a partition, and the
 * attributes it stores beside its value that a read leaves out. Key builders, the items to write, reads that
 * strip the table's attributes, queries and cursor shapes all come from this declaration, so no repository
 * spells a key template, an index name or a strip list itself.
 */
export type IndexRole = keyof typeof INDEXES;

/** An item's primary key (a type alias, not an interface, so it is a Record for the SDK's inputs). */
export type TableKey = { pk: string; sk: string };

export interface IndexDeclaration<Value> {
  /** The index's partition value from its parts (a ward, an import id; none for a partition per kind). */
  partition: (...parts: string[]) => string;
  /** The parts of a value's partition; undefined leaves the value out of the index (a sparse index). */
  partitionOf: (value: Value) => readonly string[] | undefined;
  /** The value's place within the partition. */
  sortOf: (value: Value) => string;
}

export interface EntityDeclaration<Value, Identity extends unknown[], Stored extends string> {
  /** The `entity` attribute every item of this kind carries. */
  entity: string;
  /** The primary key from what identifies one item. */
  key: (...identity: Identity) => TableKey;
  /** What identifies a value (the arguments `key` takes). */
  identify: (value: Value) => NoInfer<Identity>;
  indexes?: { [Role in IndexRole]?: IndexDeclaration<Value> };
  /** Items of this kind that share a partition with others: the partition and their sort-key prefix. */
  collection?: (...parts: string[]) => { pk: string; skPrefix: string };
  /** Attributes stored with the item that are the repository's business, not the value's (version, checkpoint). */
  stored?: readonly Stored[];
  /**
   * What its partition keys begin with, for a key builder that branches (derived from `key` otherwise): the
   * `dynamodb:LeadingKeys` of the functions that touch these items.
   */
  partitionPrefixes?: readonly string[];
}

interface Query {
  IndexName?: string;
  KeyConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, unknown>;
}

export interface Entity<Value, Identity extends unknown[], Stored extends string> {
  readonly entity: string;
  /**
   * What the partition keys of this kind begin with ("CONTACT#*"), or the whole key when it has no variable
   * part: the `dynamodb:LeadingKeys` a function that touches these items is granted.
   */
  readonly partitionPrefixes: readonly string[];
  /** The same for the index partitions it is found by ("CONTACT_WARD#", "SURVEY"). */
  readonly indexPartitionPrefixes: readonly string[];
  key(...identity: Identity): TableKey;
  /** The whole item to write: its keys, index keys and entity marker, then the value and any stored extras. */
  item(value: Value, stored?: Partial<Record<Stored, unknown>>): Record<string, unknown>;
  /** The value back from an item: without the table's attributes and without the stored extras. */
  read(item: Record<string, unknown>): Value;
  /** The stored extras of an item, which `read` leaves out. */
  storedOf(item: Record<string, unknown>): Partial<Record<Stored, unknown>>;
  /** The partition value of one of the entity's indexes. */
  partition(role: IndexRole, ...parts: string[]): string;
  /** A query of one partition of one of the entity's indexes. */
  queryIndex(role: IndexRole, ...parts: string[]): Query;
  /** A query of the entity's collection within one table partition. */
  queryCollection(...parts: string[]): Query;
  /** What a cursor over that index partition must hold: the table's key and the index's key. */
  indexCursor(role: IndexRole, ...parts: string[]): PageCursor['shape'];
  /** What a cursor over the collection must hold: the table's key. */
  collectionCursor(...parts: string[]): PageCursor['shape'];
}

/** Every attribute the table itself owns: the primary key, every index's key and the entity marker. */
export const TABLE_ATTRIBUTES: ReadonlySet<string> = new Set<string>([
  TABLE.partitionKey,
  TABLE.sortKey,
  'entity',
  ...TABLE.globalSecondaryIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
]);

export function defineEntity<Value extends object, Identity extends unknown[], Stored extends string = never>(
  declaration: EntityDeclaration<Value, Identity, Stored>,
): Entity<Value, Identity, Stored> {
  const stored = new Set<string>(declaration.stored ?? []);
  const indexOf = (role: IndexRole): IndexDeclaration<Value> => {
    const index = declaration.indexes?.[role];
    if (!index) throw new Error(`${declaration.entity} is not in the ${role} index`);
    return index;
  };
  const collectionOf = (parts: string[]) => {
    if (!declaration.collection) throw new Error(`${declaration.entity} declares no collection`);
    return declaration.collection(...parts);
  };
  return {
    entity: declaration.entity,
    partitionPrefixes: declaration.partitionPrefixes ?? [
      prefixOf((...parts) => declaration.key(...(parts as Identity)).pk, declaration.key.length),
    ],
    indexPartitionPrefixes: Object.values(declaration.indexes ?? {}).map((index) =>
      prefixOf(
        (...parts) => (index as IndexDeclaration<Value>).partition(...(parts as string[])),
        index.partition.length,
      ),
    ),
    key: declaration.key,
    item(value, extras = {}) {
      const indexKeys: Record<string, string> = {};
      for (const [role, index] of Object.entries(declaration.indexes ?? {}) as [IndexRole, IndexDeclaration<Value>][]) {
        const parts = index.partitionOf(value);
        if (parts === undefined) continue;
        indexKeys[INDEXES[role].partitionKey] = index.partition(...parts);
        indexKeys[INDEXES[role].sortKey] = index.sortOf(value);
      }
      return {
        ...declaration.key(...declaration.identify(value)),
        entity: declaration.entity,
        ...indexKeys,
        ...value,
        ...extras,
      };
    },
    read(item) {
      return Object.fromEntries(
        Object.entries(item).filter(([name]) => !TABLE_ATTRIBUTES.has(name) && !stored.has(name)),
      ) as Value;
    },
    storedOf(item) {
      return Object.fromEntries(Object.entries(item).filter(([name]) => stored.has(name))) as Partial<
        Record<Stored, unknown>
      >;
    },
    partition: (role, ...parts) => indexOf(role).partition(...parts),
    queryIndex(role, ...parts) {
      return {
        IndexName: INDEXES[role].indexName,
        KeyConditionExpression: '#partition = :partition',
        ExpressionAttributeNames: { '#partition': INDEXES[role].partitionKey },
        ExpressionAttributeValues: { ':partition': indexOf(role).partition(...parts) },
      };
    },
    queryCollection(...parts) {
      const { pk, skPrefix } = collectionOf(parts);
      return {
        KeyConditionExpression: '#partition = :partition AND begins_with(#sort, :prefix)',
        ExpressionAttributeNames: { '#partition': TABLE.partitionKey, '#sort': TABLE.sortKey },
        ExpressionAttributeValues: { ':partition': pk, ':prefix': skPrefix },
      };
    },
    indexCursor(role, ...parts) {
      const index = INDEXES[role];
      return {
        partitionKey: index.partitionKey,
        partitionValue: indexOf(role).partition(...parts),
        attributes: [TABLE.partitionKey, TABLE.sortKey, index.partitionKey, index.sortKey],
      };
    },
    collectionCursor(...parts) {
      return {
        partitionKey: TABLE.partitionKey,
        partitionValue: collectionOf(parts).pk,
        attributes: [TABLE.partitionKey, TABLE.sortKey],
      };
    },
  };
}

/** Marks where a key's variable part starts, so that a key builder called with it shows its fixed prefix. */
const VARIABLE = '\u0000';

/** A key builder's fixed start, with `*` for the rest (as IAM's StringLike reads it), or its whole key. */
function prefixOf(build: (...parts: unknown[]) => string, arity: number): string {
  const key = build(...Array.from({ length: arity }, () => VARIABLE));
  const cut = key.indexOf(VARIABLE);
  return cut < 0 ? key : `${key.slice(0, cut)}*`;
}

/** The condition of a write that must create its item, not replace one. */
export const ITEM_IS_NEW = `attribute_not_exists(${TABLE.partitionKey})`;
