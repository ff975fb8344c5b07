import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { TableItems } from '../../shared/core/db/table-items';
import { grantedPrefixes } from '../../shared/entities';

/** DynamoDB actions by what they do to items (Scan and the stream actions are granted to no one). */
const READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'];
const WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

/**
 * Exactly the items a function declares: reads and writes on the table with `dynamodb:LeadingKeys` limited to
 * its entities' partition prefixes, and Query on the indexes only for functions that list by them (an index
 * query reads its own partition keys, which LeadingKeys does not describe; the index holds the same items).
 */
export function grantTableItems(fn: IFunction, table: ITable, items: TableItems | undefined): void {
  const granted = grantedPrefixes(items);
  const onItems = (actions: string[], prefixes: readonly string[]) => {
    if (prefixes.length === 0) return;
    fn.addToRolePolicy(
      new PolicyStatement({
        actions,
        resources: [table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...new Set(prefixes)].sort() } },
      }),
    );
  };
  onItems(READ_ACTIONS, granted.read);
  onItems(WRITE_ACTIONS, granted.write);
  if (granted.index.length > 0)
    fn.addToRolePolicy(new PolicyStatement({ actions: ['dynamodb:Query'], resources: [`${table.tableArn}/index/*`] }));
  if (items?.describe)
    fn.addToRolePolicy(new PolicyStatement({ actions: ['dynamodb:DescribeTable'], resources: [table.tableArn] }));
}
