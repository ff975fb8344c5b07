import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { batchGet } from '../../../shared/core/db/batch-get';

const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-2' }));
const dynamo = mockClient(documentClient);
beforeEach(() => dynamo.reset());

const keys = (count: number) => Array.from({ length: count }, (_, i) => ({ pk: `K#${i}`, sk: 'S' }));

describe('batchGet', () => {
  it('reads 100 keys a request, several requests at once, and every item found comes back', async () => {
    let inFlight = 0;
    let mostInFlight = 0;
    dynamo.on(BatchGetCommand).callsFake(async (input) => {
      inFlight++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      const requested = input.RequestItems.table.Keys as { pk: string }[];
      return { Responses: { table: requested.map((key) => ({ ...key, found: true })) } };
    });
    const items = await batchGet(documentClient, 'table', keys(950));
    const requests = dynamo.commandCalls(BatchGetCommand).map((call) => call.args[0].input.RequestItems?.table?.Keys);
    expect(requests.map((request) => request?.length)).toEqual([100, 100, 100, 100, 100, 100, 100, 100, 100, 50]);
    expect(mostInFlight).toBeGreaterThan(1);
    expect(items.map((item) => item.pk).sort()).toEqual(
      keys(950)
        .map((key) => key.pk)
        .sort(),
    );
  });

  it('reads the keys DynamoDB left unprocessed again', async () => {
    dynamo
      .on(BatchGetCommand)
      .resolvesOnce({
        Responses: { table: [{ pk: 'K#0', sk: 'S' }] },
        UnprocessedKeys: { table: { Keys: [{ pk: 'K#1', sk: 'S' }] } },
      })
      .resolvesOnce({ Responses: { table: [{ pk: 'K#1', sk: 'S' }] } });
    const items = await batchGet(documentClient, 'table', keys(2));
    expect(items.map((item) => item.pk)).toEqual(['K#0', 'K#1']);
    expect(dynamo.commandCalls(BatchGetCommand)[1]?.args[0].input.RequestItems?.table?.Keys).toEqual([
      { pk: 'K#1', sk: 'S' },
    ]);
  });
});
