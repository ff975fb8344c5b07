import { appendFileSync } from 'node:fs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { INDEXES, TABLE } from '../shared/core/db/table-definition';
import type { TableItems } from '../shared/core/db/table-items';
import { grantedPrefixes } from '../shared/entities';

/**
 * Plays IAM for the table on one machine. In AWS each function's role may touch only the items its
 * declaration names (dynamodb:LeadingKeys from the entities' partition prefixes, infra/constructs/table-access.ts);
 * DynamoDB Local checks nothing, so this checks every call a function makes against the same declaration and
 * refuses what IAM would refuse, as AccessDeniedException. A grant missing from a declaration then fails a
 * test here instead of a request in AWS.
 *
 * VOXCITIO_LOCAL_IAM=record writes what each function touched to VOXCITIO_LOCAL_IAM_RECORD instead.
 */
type Access = 'read' | 'write' | 'index' | 'scan' | 'other';
interface Use {
  access: Access;
  key: string;
}
type AttributeMap = Record<string, { S?: string }>;
// biome-ignore lint/suspicious/noExplicitAny: a DynamoDB input of any command, as the SDK sends it
type Input = Record<string, any>;

const INDEX_PARTITION_KEYS: Record<string, string> = Object.fromEntries(
  Object.values(INDEXES).map((index) => [index.indexName, index.partitionKey]),
);

const keyOf = (item: AttributeMap | undefined) => item?.[TABLE.partitionKey]?.S ?? '';

/** The partition keys a DynamoDB call (as the SDK sends it, marshalled) reads or writes. */
export function usesOf(command: string, input: Input): Use[] {
  switch (command) {
    case 'GetItemCommand':
      return [{ access: 'read', key: keyOf(input.Key) }];
    case 'PutItemCommand':
      return [{ access: 'write', key: keyOf(input.Item) }];
    case 'UpdateItemCommand':
    case 'DeleteItemCommand':
      return [{ access: 'write', key: keyOf(input.Key) }];
    case 'QueryCommand': {
      const attribute = input.IndexName ? INDEX_PARTITION_KEYS[input.IndexName] : TABLE.partitionKey;
      const names = (input.ExpressionAttributeNames ?? {}) as Record<string, string>;
      let key = '';
      for (const [, name, placeholder] of String(input.KeyConditionExpression).matchAll(/([#\w]+)\s*=\s*(:\w+)/g))
        if ((names[name as string] ?? name) === attribute)
          key = input.ExpressionAttributeValues?.[placeholder as string]?.S ?? '';
      return [{ access: input.IndexName ? 'index' : 'read', key }];
    }
    case 'BatchGetItemCommand':
      return (Object.values(input.RequestItems ?? {}) as Input[]).flatMap((request: Input) =>
        (request.Keys ?? []).map((key: AttributeMap) => ({ access: 'read' as const, key: keyOf(key) })),
      );
    case 'BatchWriteItemCommand':
      return (Object.values(input.RequestItems ?? {}) as Input[][]).flatMap((requests) =>
        requests.map((request: Input) => ({
          access: 'write' as const,
          key: keyOf(request.PutRequest?.Item ?? request.DeleteRequest?.Key),
        })),
      );
    case 'TransactWriteItemsCommand':
      return (input.TransactItems ?? []).map((item: Input) =>
        item.ConditionCheck
          ? { access: 'read' as const, key: keyOf(item.ConditionCheck.Key) }
          : { access: 'write' as const, key: keyOf(item.Put?.Item ?? item.Update?.Key ?? item.Delete?.Key) },
      );
    case 'TransactGetItemsCommand':
      return (input.TransactItems ?? []).map((item: Input) => ({ access: 'read' as const, key: keyOf(item.Get?.Key) }));
    case 'ScanCommand':
      return [{ access: 'scan', key: '' }];
    default:
      return [{ access: 'other', key: command }];
  }
}

const matches = (pattern: string, key: string) =>
  pattern.endsWith('*') ? key.startsWith(pattern.slice(0, -1)) : key === pattern;

/** A function's grants, worked out once per declaration: every DynamoDB call an import makes is checked. */
const grants = new WeakMap<TableItems, ReturnType<typeof grantedPrefixes>>();
const NO_GRANTS = grantedPrefixes(undefined);
function grantsOf(items: TableItems | undefined) {
  if (!items) return NO_GRANTS;
  let granted = grants.get(items);
  if (!granted) {
    granted = grantedPrefixes(items);
    grants.set(items, granted);
  }
  return granted;
}

/** Why IAM would refuse the use, or undefined when the declaration allows it. */
export function refusal(functionName: string, items: TableItems | undefined, use: Use): string | undefined {
  if (use.access === 'scan') return `${functionName} may not Scan the table (no function does)`;
  const granted = grantsOf(items)[use.access];
  if (granted.some((pattern) => matches(pattern, use.key))) return undefined;
  return `${functionName} is not allowed to ${use.access} ${use.key}: its declaration grants ${use.access} on ${granted.join(', ') || 'nothing'}`;
}

/**
 * Adds the check to the one document client handlers share. `current()` names the function whose invocation
 * is running (from its InvokeStore context) and its declaration; calls outside an invocation pass.
 */
export function enforceTableGrants(
  client: DynamoDBDocumentClient,
  current: () => { name: string; items: TableItems | undefined } | undefined,
): void {
  const recordTo = process.env.VOXCITIO_LOCAL_IAM === 'record' ? process.env.VOXCITIO_LOCAL_IAM_RECORD : undefined;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const invocation = current();
      if (invocation) {
        for (const use of usesOf(String(context.commandName), args.input as Input)) {
          if (recordTo) {
            appendFileSync(recordTo, `${JSON.stringify({ fn: invocation.name, ...use })}\n`);
            continue;
          }
          const why = refusal(invocation.name, invocation.items, use);
          if (why) throw Object.assign(new Error(why), { name: 'AccessDeniedException', $fault: 'client' });
        }
      }
      return next(args);
    },
    { step: 'build', name: 'voxcitioLocalTableGrants' },
  );
}
