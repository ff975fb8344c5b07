import * as z from 'zod';

/**
 * What a city sets about its deployment, read from CDK context (`cdk.json`, overridden with `-c key=value`).
 * The local runner reads the same keys from `cdk.json`, so both runners configure handlers identically.
 * Values given with `-c` arrive as strings, so numbers, booleans and lists are coerced from text.
 */
const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

const booleanFromContext = z.union([z.boolean(), z.enum(['true', 'false']).transform((text) => text === 'true')]);
const listFromContext = z.union([
  z.array(z.string()),
  z.string().transform((text) =>
    text
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
  ),
]);

export const deploymentConfigSchema = z.object({
  cityName: z.string().trim().min(1, 'expected a non-empty city name'),
  senderEmail: z.email('expected an email address that SES can send from, such as engagement@city.gov'),
  frontendOrigins: listFromContext.pipe(
    z
      .array(z.url({ protocol: /^https?$/, error: 'expected an http(s) origin such as https://engage.city.gov' }))
      .min(1, 'expected at least one origin'),
  ),
  defaultPhoneCountry: z
    .string()
    .regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 country code in capitals, such as GB'),
  dataRetentionDays: z.coerce
    .number()
    .int()
    .min(1)
    .max(3650)
    .describe('Days uploads, dropped files, error reports and rejected rows are kept (docs/data-model.md)'),
  surveyFilesRetentionDays: z.coerce
    .number()
    .int()
    .min(1)
    .max(365)
    .default(7)
    .describe('Days minted link files and survey exports are kept: long enough to hand them on'),
  anonymityMinimumCell: z.coerce
    .number()
    .int()
    .min(2)
    .max(100)
    .default(5)
    .describe(
      'Anonymous surveys: a ward, language or other breakdown cell with fewer respondents is suppressed (docs/privacy.md)',
    ),
  logRetentionDays: z.coerce.number().refine((days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days), {
    message: `expected one of ${LOG_RETENTION_DAYS.join(', ')}`,
  }),
  deletionProtection: booleanFromContext,
  region: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'expected the AWS region to deploy into, such as eu-west-2')
    .describe('The AWS region the city deploys into; the per-client rate limit deploys to us-east-1 beside it'),
  citizenRequestsPerClientPerMinute: z.coerce
    .number()
    .int()
    .min(10, 'expected at least 10 (the least an AWS WAF rate-based rule counts)')
    .max(100_000)
    .default(120)
    .describe('Requests one client address may make to citizen links in a minute before it is refused (429)'),
  apiThrottleRateLimit: z.coerce.number().int().min(1),
  apiThrottleBurstLimit: z.coerce.number().int().min(1),
  smsOriginationIdentity: z
    .string()
    .trim()
    .min(1)
    .optional()
    .describe(
      'The End User Messaging pool or phone number (its ARN) SMS campaigns send from; without it SMS campaigns are refused',
    ),
  smsPartsPerSecond: z.coerce
    .number()
    .min(0.1)
    .max(1000)
    .default(1)
    .describe(
      'Message parts a second the origination identity takes (its MPS: 1 for a long code, more for a short code)',
    ),
  smsPricePerSegment: z.coerce
    .number()
    .min(0)
    .default(0)
    .describe('What one SMS part costs, for the estimate before sending (0: not estimated)'),
  citizenBaseUrl: z
    .url({
      protocol: /^https?$/,
      error: 'expected the http(s) address that serves citizen links, such as https://consult.city.gov',
    })
    .optional()
    .describe('Where /s/{token} links are served; the API’s own address when not set'),
});

export type DeploymentConfig = z.infer<typeof deploymentConfigSchema>;
export const DEPLOYMENT_CONFIG_KEYS = Object.keys(deploymentConfigSchema.shape) as (keyof DeploymentConfig)[];

export class DeploymentConfigError extends Error {}

/** Validates raw context values; a wrong value throws with every offending key and what it expects. */
export function parseDeploymentConfig(raw: Record<string, unknown>): DeploymentConfig {
  const result = deploymentConfigSchema.safeParse(raw);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const key = issue.path.join('.') || '(config)';
    const given = issue.path.length > 0 ? raw[String(issue.path[0])] : undefined;
    return `  - ${key}: ${issue.message}${given === undefined ? ' (not set)' : `; got ${JSON.stringify(given)}`}`;
  });
  throw new DeploymentConfigError(`Invalid Voxcitio configuration (CDK context):\n${lines.join('\n')}`);
}
