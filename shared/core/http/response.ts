import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export interface HttpResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  cookies?: string[];
}

export function toApiGatewayResult(result: HttpResult): APIGatewayProxyStructuredResultV2 {
  const hasBody = result.body !== undefined && result.status !== 204;
  // A string body with its own content type (an HTML page) goes out as it is; anything else as JSON.
  const raw = typeof result.body === 'string' && result.headers?.['content-type'] !== undefined;
  return {
    statusCode: result.status,
    headers: {
      ...(hasBody && { 'content-type': 'application/json; charset=utf-8' }),
      'cache-control': 'no-store',
      ...result.headers,
    },
    ...(hasBody && { body: raw ? (result.body as string) : JSON.stringify(result.body) }),
    ...(result.cookies && { cookies: result.cookies }),
  };
}
