import * as z from 'zod';
import type { DeploymentConfig } from './deployment-config';

/**
 * The environment every function receives, built in one place for both runners: the CDK stack passes it
 * to each Lambda function, the local runner to the same handler modules. AWS endpoints are not part of it:
 * the SDK reads `AWS_ENDPOINT_URL_<SERVICE>` by itself, which is how the local stack points clients at stand-ins.
 */
export function functionEnvironment(
  config: DeploymentConfig,
  resources: { tableName: string; importsBucket: string },
): Record<string, string> {
  return {
    TABLE_NAME: resources.tableName,
    IMPORTS_BUCKET: resources.importsBucket,
    CITY_NAME: config.cityName,
    DEFAULT_PHONE_COUNTRY: config.defaultPhoneCountry,
    DATA_RETENTION_DAYS: String(config.dataRetentionDays),
    ANONYMITY_MINIMUM_CELL: String(config.anonymityMinimumCell),
    SENDER_EMAIL: config.senderEmail,
    ...(config.smsOriginationIdentity && { SMS_ORIGINATION_IDENTITY: config.smsOriginationIdentity }),
    SMS_PARTS_PER_SECOND: String(config.smsPartsPerSecond),
    SMS_PRICE_PER_SEGMENT: String(config.smsPricePerSegment),
    POWERTOOLS_SERVICE_NAME: 'voxcitio',
    ...(config.citizenBaseUrl && { CITIZEN_BASE_URL: config.citizenBaseUrl }),
  };
}

const runtimeEnvSchema = z.object({
  TABLE_NAME: z.string().min(1),
  IMPORTS_BUCKET: z.string().min(1),
  CITY_NAME: z.string().min(1),
  DEFAULT_PHONE_COUNTRY: z.string().regex(/^[A-Z]{2}$/),
  /** Days personal data an import leaves behind (rejected rows) is kept; DynamoDB's TTL then deletes it. */
  DATA_RETENTION_DAYS: z.coerce.number().int().min(1),
  /** Anonymous surveys: the fewest respondents a breakdown cell may show (docs/privacy.md). */
  ANONYMITY_MINIMUM_CELL: z.coerce.number().int().min(2).default(5),
  /** Where citizen links (/s/{token}) are served; exported links are full URLs under it. */
  CITIZEN_BASE_URL: z.url().optional(),
});
export type RuntimeEnv = z.infer<typeof runtimeEnvSchema>;

let cached: RuntimeEnv | undefined;
/** Read lazily so that modules can be imported (by the OpenAPI generator, by tests) without a full environment. */
export function runtimeEnv(): RuntimeEnv {
  cached ??= runtimeEnvSchema.parse(process.env);
  return cached;
}
