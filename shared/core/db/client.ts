import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * One document client per execution environment. Region, credentials and endpoint come from the environment
 * (in Lambda from the runtime; locally `AWS_ENDPOINT_URL_DYNAMODB` points at DynamoDB Local).
 */
export const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
});
