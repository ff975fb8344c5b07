import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type * as z from 'zod';
import {
  type FieldIssue,
  MalformedJsonError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../errors';
import type { RouteDefinition } from '../routes/route';

/** JSON bodies above this are refused with 413 unless a route sets its own limit. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

export interface ParsedInput {
  body: unknown;
  query: unknown;
  params: unknown;
}

/**
 * Reads body, query string and path parameters against the route's schemas. Every problem found is
 * reported at once, each with its path (`body.email`, `query.limit`, `params.id`). Unknown query
 * parameters are refused as well, so a typo in a filter never silently returns everything.
 */
export function parseRequest(route: RouteDefinition, event: APIGatewayProxyEventV2): ParsedInput {
  const issues: FieldIssue[] = [];
  const check = (part: string, schema: z.ZodType | undefined, value: unknown) => {
    if (!schema) return value;
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      const path = [part, ...issue.path.map(String)];
      // One issue per unknown field, at the field's own path.
      if (issue.code === 'unrecognized_keys')
        for (const key of issue.keys) issues.push({ path: [...path, key].join('.'), message: 'unknown field' });
      else issues.push({ path: path.join('.'), message: issue.message });
    }
    return undefined;
  };
  const params = check('params', route.request.params, event.pathParameters ?? {});
  const query = route.request.query
    ? check('query', route.request.query, event.queryStringParameters ?? {})
    : refuseUnknownQuery(event, issues);
  const maxBytes = route.request.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const body =
    route.request.acceptsForm && isForm(event)
      ? undefined
      : route.request.body
        ? check('body', route.request.body, readJsonBody(event, maxBytes))
        : undefined;
  if (issues.length > 0) throw new ValidationError(issues);
  return { body, query, params };
}

function refuseUnknownQuery(event: APIGatewayProxyEventV2, issues: FieldIssue[]) {
  for (const name of Object.keys(event.queryStringParameters ?? {}))
    issues.push({ path: `query.${name}`, message: 'unknown query parameter' });
  return {};
}

function readJsonBody(event: APIGatewayProxyEventV2, maxBytes: number): unknown {
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.length > maxBytes) throw new PayloadTooLargeError(maxBytes);
  if (bytes.length === 0) throw new ValidationError([{ path: 'body', message: 'a JSON body is required' }]);
  const contentType = event.headers?.['content-type'] ?? '';
  if (contentType !== '' && !/^application\/([\w.+-]*\+)?json\b/i.test(contentType))
    throw new UnsupportedMediaTypeError();
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new MalformedJsonError();
  }
}

const isForm = (event: APIGatewayProxyEventV2) =>
  /^application\/x-www-form-urlencoded\b/i.test(event.headers?.['content-type'] ?? '');

/** The fields of a posted HTML form, each name with all its values (checkboxes repeat a name). */
export function readFormBody(event: APIGatewayProxyEventV2, maxBytes = DEFAULT_MAX_BODY_BYTES): Map<string, string[]> {
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.length > maxBytes) throw new PayloadTooLargeError(maxBytes);
  const fields = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(bytes.toString('utf8')))
    fields.set(name, [...(fields.get(name) ?? []), value]);
  return fields;
}
