import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { loadOrCreateSigningKey, mintToken } from '../local/local-auth';
import { startLocalStack } from '../local/stack';
import { localClient } from '../local/stand-ins/dynamodb-local';
import { type Survey, surveyBodySchema } from '../shared/surveys/survey';
import { type Counters, responseCounters, sumCounters } from '../shared/surveys/survey-results';
import { COUNTER_SHARDS } from '../shared/surveys/surveys-repository';
import { everyTypeSurvey, random, randomAnswers } from '../test/support/survey-fixtures';
import { type BenchResult, throughput } from './harness';

/**
 * Surveys through the local runner:
 * - submissions through the public link (HTTP, validation, counters kept in the same transaction as the
 *   response) against raw PutItem of the same response on the same DynamoDB Local, in the same run;
 * - the results read at `small` and at `large` responses: the large set is the small one plus responses
 *   written straight to the table with their counters (what the submission path would have written, minus
 *   the minutes it would take), so the ratio shows what reading costs as responses grow.
 */
export async function benchSurveys(options: {
  submissions: number;
  concurrency: number;
  small: number;
  large: number;
}): Promise<BenchResult[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'voxcitio-bench-'));
  // Capacity, not the configured per-route limit, is what is measured here.
  const stack = await startLocalStack({ port: 0, dataDir, inMemory: true, routeThrottling: false });
  const client = localClient(stack.environment.AWS_ENDPOINT_URL_DYNAMODB as string);
  const documents = DynamoDBDocumentClient.from(client);
  try {
    const keys = await loadOrCreateSigningKey(dataDir);
    const headers = {
      authorization: `Bearer ${await mintToken(keys, { role: 'manager' })}`,
      'content-type': 'application/json',
    };
    const api = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${stack.apiUrl}${path}`, {
        method,
        headers,
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      if (response.status >= 300)
        throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
      return response.json() as Promise<unknown>;
    };
    const survey = (await api('POST', '/surveys', everyTypeSurvey())) as Survey;
    await api('POST', `/surveys/${survey.id}/open`);
    const { publicLink } = (await api('PUT', `/surveys/${survey.id}/public-link`, { onePerDevice: false })) as Survey;
    const publicToken = publicLink?.token as string;
    const r = random(7);
    const answers = Array.from({ length: Math.max(options.submissions, options.small) + 100 }, () => randomAnswers(r));

    const submit = async (i: number) => {
      const response = await fetch(`${stack.apiUrl}/s/${publicToken}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ answers: answers[i] }),
      });
      if (response.status !== 201) throw new Error(`submit answered ${response.status}: ${await response.text()}`);
      await response.arrayBuffer();
    };
    const raw = async (i: number) => {
      await client.send(
        new PutItemCommand({
          TableName: stack.tableName,
          Item: {
            pk: { S: `BENCH#${survey.id}` },
            sk: { S: `RESPONSE#${i}` },
            answers: { S: JSON.stringify(answers[i]) },
            submittedAt: { S: new Date().toISOString() },
          },
        }),
      );
    };
    await throughput(50, options.concurrency, (i) => raw(options.submissions + i));
    const baseline = await throughput(options.submissions, options.concurrency, raw);
    // The API's warm-up responses count toward the results below, so the totals stay what was submitted.
    await throughput(50, options.concurrency, (i) => submit(options.submissions + i));
    const value = await throughput(options.submissions, options.concurrency, submit);
    let responses = options.submissions + 50;
    if (responses < options.small) {
      await throughput(options.small - responses, options.concurrency, (i) => submit(responses + i));
      responses = options.small;
    }

    const readTime = async (expected: number) => {
      const times: number[] = [];
      for (let i = 0; i < 60; i++) {
        const started = performance.now();
        const results = (await api('GET', `/surveys/${survey.id}/results`)) as { responses: number };
        times.push(performance.now() - started);
        if (results.responses !== expected) throw new Error(`results show ${results.responses}, not ${expected}`);
      }
      return median(times.slice(10));
    };
    const atSmall = await readTime(responses);
    const definition = surveyBodySchema.parse(everyTypeSurvey()) as Survey;
    await seedResponses(documents, stack.tableName, survey.id, definition, options.large - responses);
    const atLarge = await readTime(options.large);

    return [
      {
        name: `survey submissions via the public link (${options.submissions}, ${options.concurrency} in flight)`,
        value,
        baseline,
        unit: 'responses/s',
        higherIsBetter: true,
        note: 'baseline: raw PutItem of the same answers on the same DynamoDB Local. The API path also reads the link and the survey, validates every answer, and writes the response and its counters in one transaction. Route throttling is off for this run.',
      },
      {
        name: `survey results read at ${options.large.toLocaleString('en-GB')} responses vs ${responses.toLocaleString('en-GB')}`,
        value: atLarge,
        baseline: atSmall,
        unit: 'ms (median)',
        higherIsBetter: false,
        note: `results are counters kept at write time in ${COUNTER_SHARDS} shard items, so the read does not grow with responses. The extra responses were written straight to the table with their counters.`,
      },
    ];
  } finally {
    client.destroy();
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Responses as the submission path stores them, with their counters added to one shard. */
async function seedResponses(
  client: DynamoDBDocumentClient,
  tableName: string,
  surveyId: string,
  definition: Survey,
  count: number,
) {
  const r = random(11);
  const now = new Date().toISOString();
  let counters: Counters = {};
  const writes: Promise<unknown>[] = [];
  for (let start = 0; start < count; start += 25) {
    const items = Array.from({ length: Math.min(25, count - start) }, (_, offset) => {
      const answers = randomAnswers(r) as Record<string, never>;
      counters = sumCounters([counters, responseCounters(definition, answers)]);
      return {
        PutRequest: {
          Item: {
            pk: `SURVEY#${surveyId}`,
            sk: `RESPONSE#seed-${start + offset}`,
            entity: 'surveyResponse',
            key: `seed-${start + offset}`,
            answers,
            language: 'en',
            via: 'public',
            submittedAt: now,
            updatedAt: now,
            revision: 1,
          },
        },
      };
    });
    writes.push(batchWrite(client, tableName, items));
    if (writes.length >= 8) await Promise.all(writes.splice(0));
  }
  await Promise.all(writes);
  const names = Object.keys(counters);
  await client.send(
    new UpdateCommand({
      TableName: tableName,
      Key: { pk: `SURVEY_COUNTERS#${surveyId}#00`, sk: 'COUNTERS' },
      UpdateExpression: `ADD ${names.map((_, i) => `#c${i} :c${i}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#c${i}`, name])),
      ExpressionAttributeValues: Object.fromEntries(names.map((name, i) => [`:c${i}`, counters[name]])),
    }),
  );
}

async function batchWrite(client: DynamoDBDocumentClient, tableName: string, items: Record<string, unknown>[]) {
  let pending = items;
  while (pending.length > 0) {
    const result = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending as never } }));
    pending = (result.UnprocessedItems?.[tableName] ?? []) as Record<string, unknown>[];
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};
