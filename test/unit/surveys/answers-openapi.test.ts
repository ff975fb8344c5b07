import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../../shared/core/routes/openapi';
import { allRoutes } from '../../../shared/routes';
import { answersSchema } from '../../../shared/surveys/survey-answers';

describe('the OpenAPI document says what a citizen’s answers look like', () => {
  const document = buildOpenApiDocument(allRoutes, { serverUrl: 'https://api.example.gov' }) as any;
  const body = document.paths['/s/{token}'].post.requestBody.content['application/json'].schema;

  it('gives every question type’s answer shape, not any value', () => {
    const answer = body.properties.answers.additionalProperties;
    const described = answer.anyOf.map((shape: { description: string }) => shape.description).join(' ');
    for (const type of [
      'singleChoice',
      'multipleChoice',
      'text',
      'date',
      'ranking',
      'rating',
      'number',
      'yesNo',
      'matrix',
    ])
      expect(described).toContain(type);
    expect(answer.anyOf.map((shape: { type: string }) => shape.type).sort()).toEqual([
      'array',
      'boolean',
      'number',
      'object',
      'string',
    ]);
  });

  it('with an example, which is itself a valid set of answers', () => {
    const [example] = body.properties.answers.examples;
    expect(example).toMatchObject({ visits: true, priorities: expect.any(Array), facilities: expect.any(Object) });
    expect(answersSchema.safeParse(example).success).toBe(true);
  });
});
