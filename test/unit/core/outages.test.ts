import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { isOutage } from '../../../shared/core/errors';
import { httpHandler } from '../../../shared/core/http/handler';
import { defineRoute, routeSet } from '../../../shared/core/routes/route';
import { checkHealth } from '../../../shared/system/health-service';

/** Errors as the AWS SDK raises them. */
const connectionRefused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), {
  code: 'ECONNREFUSED',
  $metadata: { attempts: 3 },
});
const serverFault = Object.assign(new Error('Internal server error'), {
  name: 'InternalServerError',
  $fault: 'server',
  $metadata: { httpStatusCode: 500 },
});
const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $fault: 'client' });
const refusedRequest = Object.assign(new Error('Item size has exceeded the maximum allowed size'), {
  name: 'ValidationException',
  $fault: 'client',
  $metadata: { httpStatusCode: 400 },
});

const { probe } = routeSet({
  probe: defineRoute({
    method: 'GET',
    path: '/probe',
    handler: 'test',
    access: { kind: 'public' },
    table: 'read',
    summary: 'test',
    tag: 'test',
    request: {},
    responses: { 204: { description: 'ok' } },
  }),
});
const context = { awsRequestId: 'req-1', functionName: 'test', getRemainingTimeInMillis: () => 1000 } as Context;
const event = {
  version: '2.0',
  routeKey: 'GET /probe',
  rawPath: '/probe',
  rawQueryString: '',
  headers: {},
  isBase64Encoded: false,
  requestContext: { requestId: 'r', http: { method: 'GET', path: '/probe' } },
} as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
const failingWith = (error: Error) =>
  httpHandler(probe)(async () => {
    throw error;
  });

describe('an outage of the table answers 503 with Retry-After, never 500', () => {
  it('tells an outage from a defect', () => {
    expect([connectionRefused, serverFault, throttled].map(isOutage)).toEqual([true, true, true]);
    expect(isOutage(refusedRequest)).toBe(false);
    expect(isOutage(new Error('a bug'))).toBe(false);
    expect(isOutage(Object.assign(new Error('wrapped'), { cause: connectionRefused }))).toBe(true);
    expect(isOutage(new AggregateError([connectionRefused, connectionRefused]))).toBe(true);
  });

  it.each([
    ['the network to it fails', connectionRefused],
    ['it answers with a server fault', serverFault],
    ['it keeps throttling', throttled],
  ])('when %s', async (_, error) => {
    const result = (await failingWith(error)(event, context)) as APIGatewayProxyStructuredResultV2;
    expect(result.statusCode).toBe(503);
    expect(result.headers?.['retry-after']).toBe('5');
    expect(JSON.parse(result.body ?? '')).toEqual({
      error: { code: 'unavailable', message: 'The service is briefly unavailable; try again shortly.' },
    });
  });

  it('while a request DynamoDB refuses stays a 500: it is a defect to fix, not to retry', async () => {
    const result = (await failingWith(refusedRequest)(event, context)) as APIGatewayProxyStructuredResultV2;
    expect(result.statusCode).toBe(500);
  });
});

describe('the deep health check', () => {
  const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-2' }));
  const dynamo = mockClient(documents);

  it('says the table answers when a read of it does', async () => {
    dynamo.reset();
    dynamo.on(GetCommand).resolves({});
    expect(await checkHealth(documents, 'voxcitio')).toEqual({ table: 'reachable' });
  });

  it('says it does not when the read meets an outage, and throws a defect on', async () => {
    dynamo.reset();
    dynamo.on(GetCommand).rejects(connectionRefused);
    expect(await checkHealth(documents, 'voxcitio')).toEqual({ table: 'unreachable' });
    dynamo.on(GetCommand).rejects(refusedRequest);
    await expect(checkHealth(documents, 'voxcitio')).rejects.toThrow('Item size');
  });
});
