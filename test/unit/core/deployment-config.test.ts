import { describe, expect, it } from 'vitest';
import { parseDeploymentConfig } from '../../../shared/core/config/deployment-config';

const valid = {
  cityName: 'Leeds',
  senderEmail: 'engage@leeds.gov.uk',
  frontendOrigins: ['https://engage.leeds.gov.uk'],
  defaultPhoneCountry: 'GB',
  dataRetentionDays: 30,
  logRetentionDays: 90,
  deletionProtection: true,
  region: 'eu-west-2',
  apiThrottleRateLimit: 50,
  apiThrottleBurstLimit: 100,
};

describe('parseDeploymentConfig', () => {
  it('accepts cdk.json values as they are', () => {
    expect(parseDeploymentConfig(valid)).toEqual({
      ...valid,
      surveyFilesRetentionDays: 7,
      anonymityMinimumCell: 5,
      citizenRequestsPerClientPerMinute: 120,
      smsPartsPerSecond: 1,
      smsPricePerSegment: 0,
    });
  });

  it('coerces the strings `-c key=value` gives', () => {
    const config = parseDeploymentConfig({
      ...valid,
      frontendOrigins: 'https://a.gov.uk, https://b.gov.uk',
      dataRetentionDays: '14',
      logRetentionDays: '365',
      deletionProtection: 'false',
    });
    expect(config).toMatchObject({
      frontendOrigins: ['https://a.gov.uk', 'https://b.gov.uk'],
      dataRetentionDays: 14,
      logRetentionDays: 365,
      deletionProtection: false,
    });
  });

  it('refuses a per-client limit lower than WAF can count, and a region that is not one', () => {
    expect(() => parseDeploymentConfig({ ...valid, citizenRequestsPerClientPerMinute: 5, region: 'London' })).toThrow(
      /region: expected the AWS region[\s\S]*citizenRequestsPerClientPerMinute: expected at least 10/,
    );
  });

  it('names every wrong key, what it expects and what it got', () => {
    const attempt = () =>
      parseDeploymentConfig({ ...valid, defaultPhoneCountry: 'uk', logRetentionDays: 42, senderEmail: undefined });
    expect(attempt).toThrow(/defaultPhoneCountry: expected an ISO 3166-1 alpha-2 country code.*got "uk"/);
    expect(attempt).toThrow(/logRetentionDays: expected one of 1, 3, 5/);
    expect(attempt).toThrow(/senderEmail: .*\(not set\)/);
  });
});
