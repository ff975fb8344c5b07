import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiUrl, call, tokenFor, uniqueEmail } from '../api-client';
import { createSurvey } from '../surveys-client';

/**
 * Property-based fuzzing of every operation the API documents: requests built from /openapi.json (values that
 * fit each parameter's and body's schema, values that almost do, and junk), sent as an admin. Whatever comes
 * in, no answer is a 5xx. Bounded in time per operation, so a slow machine runs fewer cases, never fails for it.
 */
type Schema = Record<string, any>;
interface Operation {
  method: string;
  path: string;
  operationId: string;
  parameters: { name: string; in: 'path' | 'query'; required?: boolean; schema: Schema }[];
  body?: Schema;
}

const TIME_PER_OPERATION_MS = 2_500;
const RUNS_PER_OPERATION = 60;

/** Strings that have broken parsers before: empty, huge, control characters, prototype keys, numbers as text. */
const nastyString = fc.constantFrom(
  '',
  ' ',
  '__proto__',
  'constructor',
  '0',
  '-1',
  '1e21',
  '1e-131',
  'NaN',
  'null',
  'true',
  '\u0000',
  '\n\r\t',
  '%00',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '=1+1',
  '😀'.repeat(50),
  'x'.repeat(5000),
  '{"pk":"x","sk":"y"}',
  Buffer.from('{"pk":"x","sk":"y"}').toString('base64url'),
);
const nastyNumber = fc.constantFrom(0, -0, -1, 1e21, 1e-131, 1e300, -1e300, 2 ** 53 + 1, 0.1, 123456789.125);
const junk = fc.oneof(fc.jsonValue({ maxDepth: 3 }), nastyString, nastyNumber);

/** Values for a JSON schema: mostly shaped like it, sometimes off by a little, sometimes anything. */
function arbitraryFor(
  schema: Schema | undefined,
  known: Record<string, string[]>,
  name = '',
  depth = 0,
): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return junk;
  const fitting = fittingFor(schema, known, name, depth);
  // Junk is likelier at the top than deep inside, so that many requests get past validation.
  return fc.oneof({ weight: 6 + depth * 6, arbitrary: fitting }, { weight: 1, arbitrary: junk });
}

function fittingFor(
  schema: Schema,
  known: Record<string, string[]>,
  name: string,
  depth: number,
): fc.Arbitrary<unknown> {
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return fc.oneof(...variants.map((variant: Schema) => arbitraryFor(variant, known, name, depth + 1)));
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.const !== undefined) return fc.constant(schema.const);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string': {
      const ids = known[name] ?? [];
      const shaped =
        schema.format === 'uuid'
          ? fc.uuid()
          : schema.format === 'email'
            ? fc.emailAddress()
            : schema.format === 'date-time'
              ? fc.date({ noInvalidDate: true }).map((date) => date.toISOString())
              : fc.string({ maxLength: Math.min(schema.maxLength ?? 40, 200) });
      return ids.length > 0 ? fc.oneof(fc.constantFrom(...ids), shaped, nastyString) : fc.oneof(shaped, nastyString);
    }
    case 'integer':
      return fc.oneof(fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000 }), nastyNumber);
    case 'number':
      return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), nastyNumber);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(arbitraryFor(schema.items, known, name, depth + 1), { maxLength: 5 });
    case 'object': {
      const properties = Object.entries((schema.properties ?? {}) as Record<string, Schema>);
      const required = new Set<string>(schema.required ?? []);
      const record = fc.record(
        Object.fromEntries(properties.map(([key, value]) => [key, arbitraryFor(value, known, key, depth + 1)])),
        { requiredKeys: properties.map(([key]) => key).filter((key) => required.has(key)) },
      );
      const extra = fc.dictionary(fc.oneof(fc.string({ maxLength: 10 }), nastyString), junk, { maxKeys: 2 });
      return fc.oneof(
        { weight: 4, arbitrary: record },
        { weight: 1, arbitrary: fc.tuple(record, extra).map(([a, b]) => ({ ...b, ...a })) },
      );
    }
    default:
      return junk;
  }
}

function requestFor(operation: Operation, known: Record<string, string[]>) {
  const params = operation.parameters.map((parameter) =>
    arbitraryFor(parameter.schema, known, parameter.name).map((value) => [parameter, value] as const),
  );
  const body = operation.body
    ? fc.oneof(
        { weight: 5, arbitrary: arbitraryFor(operation.body, known).map((value) => ({ json: value })) },
        { weight: 1, arbitrary: fc.string({ maxLength: 200 }).map((raw) => ({ raw })) },
      )
    : fc.constant(undefined);
  return fc.record({
    params: fc.tuple(...params),
    body,
    omit: fc.array(fc.boolean(), { minLength: params.length, maxLength: params.length }),
  });
}

const encode = (value: unknown) => encodeURIComponent(typeof value === 'string' ? value : JSON.stringify(value));

describe('fuzzing every operation in /openapi.json', async () => {
  const document = (await (await fetch(`${apiUrl()}/openapi.json`)).json()) as {
    paths: Record<
      string,
      Record<string, { operationId: string; parameters?: Operation['parameters']; requestBody?: any }>
    >;
  };
  const operations: Operation[] = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      operationId: operation.operationId,
      parameters: operation.parameters ?? [],
      body: operation.requestBody?.content?.['application/json']?.schema,
    })),
  );
  /** Ids of things that exist, so that generated requests reach past the 404. */
  const known: Record<string, string[]> = {};

  beforeAll(async () => {
    const contact = await call('POST', '/contacts', { role: 'staff', json: { email: uniqueEmail('fuzz') } });
    const segment = await call('POST', '/segments', {
      role: 'staff',
      json: { name: 'Fuzz', filter: { tagsAny: ['fuzz'] } },
    });
    const survey = await createSurvey();
    const upload = await call('POST', '/imports', { role: 'staff', json: { fileName: 'fuzz.csv' } });
    known.id = [contact.body.id, segment.body.id, survey.id, upload.body.id].filter(Boolean);
    known.contactId = [contact.body.id];
    known.segmentId = [segment.body.id];
    known.questionId = ['visits', 'comments', 'satisfaction'];
    await tokenFor('admin');
  });

  it('documents every operation', () => {
    expect(operations.length).toBeGreaterThanOrEqual(37);
  });

  it.each(operations.map((operation) => [`${operation.method} ${operation.path}`, operation] as const))(
    '%s answers no 5xx, whatever it is sent',
    async (_, operation) => {
      await fc.assert(
        fc.asyncProperty(requestFor(operation, known), async ({ params, body, omit }) => {
          let path = operation.path;
          const query: string[] = [];
          params.forEach(([parameter, value], index) => {
            if (parameter.in === 'path') path = path.replace(`{${parameter.name}}`, encode(value) || 'x');
            else if (!omit[index]) query.push(`${encodeURIComponent(parameter.name)}=${encode(value)}`);
          });
          const url = `${path}${query.length > 0 ? `?${query.join('&')}` : ''}`;
          const response = await call(operation.method, url, {
            role: 'admin',
            ...(body && 'json' in body && { json: body.json }),
            ...(body && 'raw' in body && { rawBody: body.raw, headers: { 'content-type': 'application/json' } }),
          }).catch((error: unknown) => ({ status: 0, body: String(error) }));
          expect(
            response.status,
            `${operation.method} ${url} → ${JSON.stringify(response.body)?.slice(0, 300)}`,
          ).toBeGreaterThan(0);
          expect(
            response.status,
            `${operation.method} ${url} → ${JSON.stringify(response.body)?.slice(0, 300)}`,
          ).toBeLessThan(500);
        }),
        { numRuns: RUNS_PER_OPERATION, interruptAfterTimeLimit: TIME_PER_OPERATION_MS, markInterruptAsFailure: false },
      );
    },
  );
});
