import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { counterShardEntity } from '../../../shared/surveys/entities';
import { definitionCounters } from '../../../shared/surveys/survey-counter-bound';
import { COUNTER_SHARDS } from '../../../shared/surveys/surveys-repository';
import {
  largestAcceptedMatrices,
  limitOptions,
  matricesSurvey,
  surveyBodyOf,
  surveyOf,
} from '../../support/large-surveys';
import { call } from '../api-client';
import { localDocumentClient, localTableName } from '../local-clients';
import { citizen } from '../surveys-client';

/** Counter names an update adds at once (an update expression must stay within 4 KB). */
const NAMES_PER_UPDATE = 100;

describe('a survey at the largest definition the API accepts', () => {
  const count = largestAcceptedMatrices();

  it('is refused one matrix over the bound, with a field message', async () => {
    const over = await call('POST', '/surveys', { role: 'staff', json: surveyBodyOf(matricesSurvey(count + 1)) });
    expect(over.status).toBe(400);
    expect(over.body.error.issues).toEqual([
      expect.objectContaining({ path: 'body.sections', message: expect.stringMatching(/KiB of counters/) }),
    ]);
  });

  it('takes submissions when every shard already holds every counter its answers can make', async () => {
    const created = await call('POST', '/surveys', { role: 'staff', json: surveyBodyOf(matricesSurvey(count)) });
    expect(created.status, JSON.stringify(created.body).slice(0, 300)).toBe(201);
    const id = created.body.id as string;
    expect((await call('POST', `/surveys/${id}/open`, { role: 'manager' })).status).toBe(200);
    const link = await call('PUT', `/surveys/${id}/public-link`, { role: 'manager', json: { onePerDevice: false } });
    const token = link.body.publicLink.token as string;

    // The worst case, written straight into DynamoDB Local (which refuses items over 400 KB): every name the
    // definition can make, in every shard, with values as large as counts get.
    const names = definitionCounters(surveyOf(matricesSurvey(count))).map(({ name }) => name);
    const documents = localDocumentClient();
    for (let shard = 0; shard < COUNTER_SHARDS; shard++)
      for (let start = 0; start < names.length; start += NAMES_PER_UPDATE) {
        const part = names.slice(start, start + NAMES_PER_UPDATE);
        await documents.send(
          new UpdateCommand({
            TableName: localTableName(),
            Key: counterShardEntity.key(id, shard),
            UpdateExpression: `ADD ${part.map((_, i) => `#n${i} :v`).join(', ')}`,
            ExpressionAttributeNames: Object.fromEntries(part.map((name, i) => [`#n${i}`, name])),
            ExpressionAttributeValues: { ':v': 999_999_999_999 },
          }),
        );
      }

    const [row, column] = [limitOptions('r', 30), limitOptions('c', 11)].map((options) => options[0]?.id);
    const matrix = matricesSurvey(1)[0]?.id as string;
    const answered = await citizen('POST', `/s/${token}`, {
      json: { answers: { [matrix]: { [row as string]: column } } },
    });
    expect(answered.status, answered.text.slice(0, 300)).toBe(201);
    const results = await call('GET', `/surveys/${id}/results`, { role: 'viewer' });
    expect(results.status).toBe(200);
    expect(results.body.responses).toBe(COUNTER_SHARDS * 999_999_999_999 + 1);
  });
});
