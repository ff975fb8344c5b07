import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export interface HttpResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export function toApiGatewayResult(result: HttpResult): APIGatewayProxyStructuredResultV2 {
  const hasBody = result.body !== undefined && result.status !== 204;
  return {
    statusCode: result.status,
    headers: {
      ...(hasBody && { 'content-type': 'application/json; charset=utf-8' }),
      'cache-control': 'no-store',
      ...result.headers,
    },
    ...(hasBody && { body: JSON.stringify(result.body) }),
  };
}
