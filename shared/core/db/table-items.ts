/**
 * Which items of the single table a function may touch, by entity name (shared/entities.ts): the CDK stack
 * grants exactly these (dynamodb:LeadingKeys on their partition prefixes), and the local runner refuses
 * anything else, as IAM would.
 */
export interface TableItems {
  /** Items it reads (GetItem, BatchGetItem, Query of their partition, condition checks). */
  read?: readonly string[];
  /** Items it writes (PutItem, UpdateItem, DeleteItem, BatchWriteItem); writing implies reading. */
  write?: readonly string[];
  /** Entities whose index partitions it queries. */
  indexes?: readonly string[];
  /** DescribeTable (the deep health check). */
  describe?: boolean;
}
