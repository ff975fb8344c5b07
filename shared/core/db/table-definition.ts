/**
 * The single table's keys and indexes, declared once: the CDK stack deploys it, the local runner creates it
 * in DynamoDB Local, and the repositories use the same names. Every access pattern is in docs/data-model.md.
 */
export const TABLE = {
  /** Logical name; the deployed table's physical name comes from CloudFormation and reaches functions via TABLE_NAME. */
  logicalName: 'voxcitio',
  partitionKey: 'pk',
  sortKey: 'sk',
  timeToLiveAttribute: 'expiresAt',
  globalSecondaryIndexes: [
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    { indexName: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
    { indexName: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk' },
  ],
} as const;

export type IndexName = (typeof TABLE.globalSecondaryIndexes)[number]['indexName'];

const [byKind, contactsByWard, contactsByLanguage, contactsByImport] = TABLE.globalSecondaryIndexes;
/** The indexes by what they hold (docs/data-model.md): repositories name an index through these. */
export const INDEXES = {
  /** Every item of a kind (`gsi1pk` = CONTACT, IMPORT, IMPORT_TEMPLATE, SEGMENT, SURVEY), in id order. */
  byKind,
  contactsByWard,
  contactsByLanguage,
  /** The contacts an import created. */
  contactsByImport,
} as const;
