import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { refusal, usesOf } from '../../../local/local-iam';
import { grantedPrefixes } from '../../../shared/entities';

const key = (pk: string) => marshall({ pk, sk: 'x' });

describe('the local runner’s table grants, as IAM would apply them', () => {
  it('reads the partition keys of every kind of call', () => {
    expect(usesOf('GetItemCommand', { Key: key('CONTACT#1') })).toEqual([{ access: 'read', key: 'CONTACT#1' }]);
    expect(usesOf('PutItemCommand', { Item: key('SURVEY#1') })).toEqual([{ access: 'write', key: 'SURVEY#1' }]);
    expect(
      usesOf('QueryCommand', {
        IndexName: 'gsi2',
        KeyConditionExpression: '#partition = :partition',
        ExpressionAttributeNames: { '#partition': 'gsi2pk' },
        ExpressionAttributeValues: marshall({ ':partition': 'CONTACT_WARD#north' }),
      }),
    ).toEqual([{ access: 'index', key: 'CONTACT_WARD#north' }]);
    expect(
      usesOf('TransactWriteItemsCommand', {
        TransactItems: [
          { Put: { Item: key('SURVEY#1') } },
          { Update: { Key: key('SURVEY_COUNTERS#1#03') } },
          { ConditionCheck: { Key: key('CONTACT#9') } },
        ],
      }),
    ).toEqual([
      { access: 'write', key: 'SURVEY#1' },
      { access: 'write', key: 'SURVEY_COUNTERS#1#03' },
      { access: 'read', key: 'CONTACT#9' },
    ]);
    expect(usesOf('ScanCommand', {})).toEqual([{ access: 'scan', key: '' }]);
  });

  it('grants an entity’s partitions, writes implying reads, and refuses the rest', () => {
    const citizen = { read: ['contact'], write: ['surveyResponse', 'surveyCounters'] };
    expect(grantedPrefixes(citizen).write).toEqual(['SURVEY#*', 'SURVEY_COUNTERS#*']);
    expect(refusal('submit', citizen, { access: 'read', key: 'CONTACT#1' })).toBeUndefined();
    expect(refusal('submit', citizen, { access: 'write', key: 'SURVEY#1' })).toBeUndefined();
    expect(refusal('submit', citizen, { access: 'write', key: 'CONTACT#1' })).toMatch(
      /submit is not allowed to write CONTACT#1/,
    );
    expect(refusal('submit', citizen, { access: 'index', key: 'CONTACT' })).toMatch(/not allowed to index/);
    expect(refusal('submit', citizen, { access: 'scan', key: '' })).toMatch(/may not Scan/);
  });
});
