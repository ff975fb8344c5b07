import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { isOutage } from '../core/errors';
import { healthProbeEntity } from './entities';

/** What a deep health check found of each service the API needs. */
export interface HealthChecks {
  table: 'reachable' | 'unreachable';
}

/** Whether the table answers a read. An outage is `unreachable`; any other failure is a defect and is thrown. */
export async function checkHealth(client: DynamoDBDocumentClient, tableName: string): Promise<HealthChecks> {
  try {
    await client.send(new GetCommand({ TableName: tableName, Key: healthProbeEntity.key() }));
    return { table: 'reachable' };
  } catch (error) {
    if (isOutage(error)) return { table: 'unreachable' };
    throw error;
  }
}
