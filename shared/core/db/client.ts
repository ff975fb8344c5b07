import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { tracer } from '../observability/tracer';

/**
 * One document client per execution environment. Region, credentials and endpoint come from the environment
 * (in Lambda from the runtime; locally `AWS_ENDPOINT_URL_DYNAMODB` points at DynamoDB Local). Traced: each call
 * is an X-Ray subsegment.
 */
export const documentClient = DynamoDBDocumentClient.from(tracer.captureAWSv3Client(new DynamoDBClient({})), {
  marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
});
