import type { CancellationReason } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';

/** Why each item of a cancelled transaction failed, in the order of its items; undefined for other errors. */
export function cancellationReasons(error: unknown): CancellationReason[] | undefined {
  if ((error as Error).name !== 'TransactionCanceledException') return undefined;
  return (error as { CancellationReasons?: CancellationReason[] }).CancellationReasons ?? [];
}

/**
 * Whether a cancelled transaction is worth sending again as it is: it met another transaction on an item,
 * or DynamoDB throttled an item (a hot partition; an index partition that takes all contacts, such as the
 * contact listing's, throttles a bulk import), and no condition failed, so nothing has changed for it.
 */
export function worthRetrying(reasons: CancellationReason[] | undefined): boolean {
  if (!reasons) return false;
  const codes = reasons.map((reason) => reason.Code);
  return (
    codes.some((code) => code === 'TransactionConflict' || code === 'ThrottlingError') &&
    !codes.includes('ConditionalCheckFailed')
  );
}

/** A transaction's items, each `{ Put | Update | Delete | ConditionCheck: {...} }` without its table name. */
export type TransactItem = Record<string, Record<string, unknown>>;

/** Sends the items as one transaction on the table, each given the table's name. */
export async function transactWrite(
  client: DynamoDBDocumentClient,
  tableName: string,
  items: readonly TransactItem[],
): Promise<void> {
  const withTable = items.map((item) => {
    const [kind, body] = Object.entries(item)[0] as [string, Record<string, unknown>];
    return { [kind]: { TableName: tableName, ...body } };
  });
  await client.send(new TransactWriteCommand({ TransactItems: withTable as never }));
}
