import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { TABLE } from '../../shared/core/db/table-definition';
import {
  BUCKET_TRIGGERS,
  SURVEY_EXPORTS_PREFIX,
  SURVEY_LINKS_PREFIX,
  TRIGGER_FAILURES,
} from '../../shared/core/files/buckets';
import { STAFF_TOKEN_SCOPE } from '../../shared/core/http/auth';
import { ROLES } from '../../shared/core/http/role-names';
import { METRIC, METRICS_NAMESPACE } from '../../shared/core/observability/metrics';
import { QUEUE_TRIGGERS } from '../../shared/core/queues/queues';
import { SCHEDULED_TASKS } from '../../shared/core/schedules';
import { SECRETS } from '../../shared/core/secrets/secrets';
import { allRoutes } from '../../shared/routes';
import { defaultTemplate, synthApp } from './synth';

const { template } = defaultTemplate();
const resourcesOf = (type: string) => template.findResources(type) as Record<string, { Properties: any }>;

describe('data', () => {
  it('is one on-demand table with PITR, deletion protection, TTL and the declared indexes', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        TimeToLiveSpecification: { AttributeName: TABLE.timeToLiveAttribute, Enabled: true },
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
      }),
    });
    const [table] = Object.values(resourcesOf('AWS::DynamoDB::Table'));
    expect(table?.Properties.GlobalSecondaryIndexes.map((index: { IndexName: string }) => index.IndexName)).toEqual(
      TABLE.globalSecondaryIndexes.map((index) => index.indexName),
    );
  });

  it('lets a city turn deletion protection off', () => {
    const { stack } = synthApp({ deletionProtection: 'false' });
    Template.fromStack(stack).hasResourceProperties('AWS::DynamoDB::Table', { DeletionProtectionEnabled: false });
  });
});

describe('files', () => {
  it('keeps every bucket private, encrypted and SSL-only', () => {
    const buckets = resourcesOf('AWS::S3::Bucket');
    expect(Object.keys(buckets)).toHaveLength(2);
    for (const bucket of Object.values(buckets)) {
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(
        bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault,
      ).toEqual({
        SSEAlgorithm: 'AES256',
      });
    }
    const policies = Object.values(resourcesOf('AWS::S3::BucketPolicy'));
    expect(policies).toHaveLength(2);
    for (const policy of policies)
      expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
  });

  it('expires uploads, dropped files and error reports after the retention period, link files and exports after a week, segment-count jobs after a day, and logs access', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'imports/' }),
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ Prefix: 'uploads/', ExpirationInDays: 30, Status: 'Enabled' }),
          Match.objectLike({ Prefix: 'drop/', ExpirationInDays: 30, Status: 'Enabled' }),
          Match.objectLike({ Prefix: 'reports/', ExpirationInDays: 30, Status: 'Enabled' }),
          Match.objectLike({ Prefix: 'survey-links/', ExpirationInDays: 7, Status: 'Enabled' }),
          Match.objectLike({ Prefix: 'survey-exports/', ExpirationInDays: 7, Status: 'Enabled' }),
          Match.objectLike({ Prefix: 'segment-counts/', ExpirationInDays: 1, Status: 'Enabled' }),
        ]),
      },
    });
  });
});

describe('staff identity', () => {
  it('is a user pool with admin-created accounts only, TOTP MFA required of every account, and a password policy', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 12 }) },
    });
  });

  it('has one group per role and a public client for the frontend', () => {
    const groups = Object.values(resourcesOf('AWS::Cognito::UserPoolGroup')).map((group) => group.Properties.GroupName);
    expect(groups.sort()).toEqual([...ROLES].sort());
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      ExplicitAuthFlows: Match.arrayWith(['ALLOW_USER_SRP_AUTH']),
      PreventUserExistenceErrors: 'ENABLED',
    });
  });
});

describe('HTTP API', () => {
  it('allows CORS from the configured origins only', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      CorsConfiguration: Match.objectLike({ AllowOrigins: ['http://localhost:5173'] }),
    });
  });

  it('logs access and throttles on the default stage', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
    });
    // The access log names the route key, never the raw path: a citizen link's path is its live token.
    const [stage] = Object.values(resourcesOf('AWS::ApiGatewayV2::Stage'));
    const format = JSON.parse(stage?.Properties.AccessLogSettings.Format);
    expect(format.routeKey).toBe('$context.routeKey');
    expect(JSON.stringify(format)).not.toMatch(/\$context\.(path|resourcePath)|\$request/);
    // Citizen links and unsubscribe links are public: each has a throttle of its own, as declared.
    const throttled = allRoutes.filter((route) => route.throttle);
    expect(throttled.map((route) => route.name)).toEqual([
      'getCitizenSurvey',
      'submitCitizenSurvey',
      'getUnsubscribe',
      'unsubscribe',
    ]);
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      RouteSettings: Object.fromEntries(
        throttled.map((route) => [
          `${route.method} ${route.path}`,
          { ThrottlingRateLimit: route.throttle?.rateLimit, ThrottlingBurstLimit: route.throttle?.burstLimit },
        ]),
      ),
    });
  });

  it('verifies Cognito JWTs for the frontend client', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [Match.anyValue()],
        Issuer: Match.objectLike({
          'Fn::Join': Match.arrayWith([Match.arrayWith([Match.stringLikeRegexp('cognito-idp')])]),
        }),
      },
    });
  });

  it('puts staff routes behind the authorizer and leaves public routes open', () => {
    const deployed = Object.values(resourcesOf('AWS::ApiGatewayV2::Route'));
    for (const route of allRoutes) {
      const routeKey = route.path === '$default' ? '$default' : `${route.method} ${route.path}`;
      const resource = deployed.find((candidate) => candidate.Properties.RouteKey === routeKey);
      expect(resource, routeKey).toBeDefined();
      expect(resource?.Properties.AuthorizationType, routeKey).toBe(route.access.kind === 'staff' ? 'JWT' : 'NONE');
      // Access tokens only: ID tokens carry no scope.
      expect(resource?.Properties.AuthorizationScopes, routeKey).toEqual(
        route.access.kind === 'staff' ? [STAFF_TOKEN_SCOPE] : undefined,
      );
    }
  });
});

describe('bucket triggers and object access', () => {
  it('notify each trigger’s function of objects created under its prefix', () => {
    const [notifications] = Object.values(resourcesOf('Custom::S3BucketNotifications'));
    const configured = notifications?.Properties.NotificationConfiguration.LambdaFunctionConfigurations.map(
      (config: any) => ({
        events: config.Events,
        prefix: config.Filter.Key.FilterRules[0].Value,
      }),
    );
    expect(configured).toEqual(
      BUCKET_TRIGGERS.map((trigger) => ({ events: ['s3:ObjectCreated:*'], prefix: trigger.prefix })),
    );
  });

  it('let only the functions minting and issuing again links touch link files, and only the export function exports', () => {
    const users = (prefix: string) =>
      [...allRoutes, ...BUCKET_TRIGGERS]
        .filter(({ objects }) => [...(objects?.read ?? []), ...(objects?.write ?? [])].includes(prefix))
        .map(({ name }) => name);
    expect(users(SURVEY_LINKS_PREFIX)).toEqual(['mintSurveyLinks', 'reissueUnansweredLinks']);
    expect(users(SURVEY_EXPORTS_PREFIX)).toEqual(['exportSurveyResponses']);
    // Error reports are under reports/, which GET /imports/{id} reads: no survey file may sit there.
    for (const prefix of [SURVEY_LINKS_PREFIX, SURVEY_EXPORTS_PREFIX])
      expect(prefix.startsWith('reports/')).toBe(false);
  });

  it('grant each function exactly the object actions and prefixes it declares', () => {
    const policies = Object.entries(resourcesOf('AWS::IAM::Policy'));
    const functions = resourcesOf('AWS::Lambda::Function');
    const declared = [
      ...allRoutes.map((route) => ({ description: `${route.method} ${route.path}:`, objects: route.objects })),
      ...BUCKET_TRIGGERS.map((trigger) => ({
        description: `${trigger.bucket}/${trigger.prefix}*:`,
        objects: trigger.objects,
      })),
    ];
    for (const { description, objects } of declared) {
      const fn = Object.values(functions).find((candidate) =>
        candidate.Properties.Description?.startsWith(description),
      );
      const roleId = fn?.Properties.Role['Fn::GetAtt'][0];
      const s3 = policies
        .filter(([, policy]) => policy.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleId))
        .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement as { Action: string; Resource: unknown }[])
        .filter((statement) => String(statement.Action).startsWith('s3:'));
      const granted = s3.flatMap((statement) =>
        [statement.Action]
          .flat()
          .flatMap((action) =>
            [statement.Resource]
              .flat()
              .map((resource) => `${action} ${JSON.stringify(resource).match(/\/([a-z/-]+\/)\*/)?.[1]}`),
          ),
      );
      const expected = [
        ...(objects?.read ?? []).map((prefix) => `s3:GetObject ${prefix}`),
        ...(objects?.write ?? []).map((prefix) => `s3:PutObject ${prefix}`),
      ];
      expect(granted.sort(), description).toEqual(expected.sort());
    }
  });
});

describe('bucket events that fail every attempt', () => {
  const functions = resourcesOf('AWS::Lambda::Function');
  const idOf = (description: string) =>
    Object.entries(functions).find(([, fn]) => fn.Properties.Description?.startsWith(description))?.[0];

  it('go to the trigger-failure function after Lambda’s two retries', () => {
    const failures = idOf(TRIGGER_FAILURES.description);
    expect(failures).toBeDefined();
    const configs = Object.values(resourcesOf('AWS::Lambda::EventInvokeConfig'));
    for (const trigger of BUCKET_TRIGGERS) {
      const fn = idOf(`${trigger.bucket}/${trigger.prefix}*:`);
      const config = configs.find((candidate) => candidate.Properties.FunctionName.Ref === fn);
      expect(config?.Properties, trigger.name).toMatchObject({
        Qualifier: '$LATEST',
        MaximumRetryAttempts: 2,
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [failures, 'Arn'] } } },
      });
    }
    expect(configs).toHaveLength(BUCKET_TRIGGERS.length);
  });

  it('are recorded by a function that reads and writes the table and no object', () => {
    const roleId = functions[idOf(TRIGGER_FAILURES.description) as string]?.Properties.Role['Fn::GetAtt'][0];
    const actions = Object.values(resourcesOf('AWS::IAM::Policy'))
      .filter((policy) => policy.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleId))
      .flatMap((policy) =>
        policy.Properties.PolicyDocument.Statement.flatMap((statement: any) => [statement.Action].flat()),
      );
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:UpdateItem', 'dynamodb:GetItem']));
    expect(actions.filter((action: string) => action.startsWith('s3:'))).toEqual([]);
  });
});

describe('the import job function', () => {
  it('has the time to checkpoint within and the /tmp its dry run spills to', () => {
    const trigger = BUCKET_TRIGGERS.find((candidate) => candidate.name === 'runImportJob');
    const fn = Object.values(resourcesOf('AWS::Lambda::Function')).find((candidate) =>
      candidate.Properties.Description?.startsWith(`${trigger?.bucket}/${trigger?.prefix}*:`),
    );
    expect(fn?.Properties).toMatchObject({ Timeout: 900, MemorySize: 1024, EphemeralStorage: { Size: 4096 } });
  });
});

describe('scheduled tasks', () => {
  it('run each declared task on its EventBridge schedule', () => {
    const rules = Object.values(resourcesOf('AWS::Events::Rule'));
    for (const task of SCHEDULED_TASKS) {
      const rule = rules.find(
        (candidate) =>
          candidate.Properties.ScheduleExpression ===
          (task.everyMinutes === 1 ? 'rate(1 minute)' : `rate(${task.everyMinutes} minutes)`),
      );
      expect(rule, task.name).toBeDefined();
      const fnId = rule?.Properties.Targets[0].Arn['Fn::GetAtt'][0];
      expect(resourcesOf('AWS::Lambda::Function')[fnId]?.Properties.Description).toContain(task.description);
    }
  });
});

describe('functions', () => {
  const functions = Object.values(resourcesOf('AWS::Lambda::Function'));

  it('run the newest Node.js LTS on arm64 with tracing and the shared environment', () => {
    const ours = functions.filter((fn) => fn.Properties.Runtime?.startsWith('nodejs') && fn.Properties.Description);
    expect(ours).toHaveLength(
      allRoutes.length + BUCKET_TRIGGERS.length + 1 + SCHEDULED_TASKS.length + QUEUE_TRIGGERS.length,
    );
    for (const fn of ours) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        Environment: {
          Variables: expect.objectContaining({
            CITY_NAME: 'Example City',
            DEFAULT_PHONE_COUNTRY: 'GB',
            NODE_OPTIONS: '--enable-source-maps',
            TABLE_NAME: { Ref: expect.stringMatching(/^DataTable/) },
            IMPORTS_BUCKET: { Ref: expect.stringMatching(/^FilesImports/) },
          }),
        },
      });
    }
  });

  it('each write to their own log group only, with no managed policy (AWSLambdaBasicExecutionRole logs everywhere)', () => {
    const roles = resourcesOf('AWS::IAM::Role');
    const policies = Object.values(resourcesOf('AWS::IAM::Policy'));
    const ours = functions.filter((fn) => fn.Properties.Runtime?.startsWith('nodejs') && fn.Properties.Description);
    for (const fn of ours) {
      const roleId = fn.Properties.Role['Fn::GetAtt'][0];
      expect(roles[roleId]?.Properties.ManagedPolicyArns ?? [], fn.Properties.Description).toEqual([]);
      const logGroupId = fn.Properties.LoggingConfig.LogGroup.Ref;
      const logStatements = policies
        .filter((policy) => policy.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleId))
        .flatMap((policy) => policy.Properties.PolicyDocument.Statement)
        .filter((statement: any) => [statement.Action].flat().some((action: string) => action.startsWith('logs:')));
      expect(logStatements, fn.Properties.Description).toEqual([
        {
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [logGroupId, 'Arn'] }, ':log-stream:*']] },
        },
      ]);
    }
  });

  it('run for the time their route declares, 10 s otherwise', () => {
    for (const route of allRoutes) {
      const fn = functions.find((candidate) =>
        String(candidate.Properties.Description).startsWith(`${route.method} ${route.path}:`),
      );
      expect(fn?.Properties.Timeout, route.name).toBe(route.timeoutSeconds ?? 10);
    }
    expect(allRoutes.filter((route) => route.timeoutSeconds).map((route) => route.name)).toEqual([
      'undoImport',
      'mintSurveyLinks',
      'reissueUnansweredLinks',
      'exportSurveyResponses',
      'countCampaignAudience',
    ]);
  });

  it('serve citizen links through the edge (CloudFront) when no citizenBaseUrl is set', () => {
    const routeFunctions = functions.filter((fn) =>
      String(fn.Properties.Description).match(/^(GET|POST|PUT|PATCH|DELETE|ANY) /),
    );
    expect(routeFunctions).toHaveLength(allRoutes.length);
    for (const fn of routeFunctions)
      expect(fn.Properties.Environment.Variables.CITIZEN_BASE_URL).toEqual({
        'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [expect.stringMatching(/^EdgeDistribution/), 'DomainName'] }]],
      });
  });

  it('each get only the table access their route declares', () => {
    const policies = Object.values(resourcesOf('AWS::IAM::Policy'));
    const roles = resourcesOf('AWS::IAM::Role');
    for (const route of allRoutes) {
      const fn = functions.find((candidate) =>
        candidate.Properties.Description?.startsWith(`${route.method} ${route.path}:`),
      );
      const roleId = fn?.Properties.Role['Fn::GetAtt'][0];
      expect(roles[roleId], route.name).toBeDefined();
      const actions = policies
        .filter((policy) => policy.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleId))
        .flatMap((policy) =>
          policy.Properties.PolicyDocument.Statement.flatMap((statement: any) => [statement.Action].flat()),
        );
      const writes = actions.some((action: string) => action === 'dynamodb:PutItem');
      const reads = actions.some((action: string) => action === 'dynamodb:Query');
      const signs = actions.some((action: string) => action === 'secretsmanager:GetSecretValue');
      expect({ route: route.name, reads, writes, signs }).toEqual({
        route: route.name,
        reads: route.table !== 'none',
        writes: route.table === 'readWrite',
        // Reading the table means paging it, with signed cursors.
        signs: route.table !== 'none',
      });
    }
  });
});

describe('table grants', () => {
  const statementsOf = (description: string) => {
    const fn = Object.values(resourcesOf('AWS::Lambda::Function')).find((candidate) =>
      String(candidate.Properties.Description).startsWith(description),
    );
    const roleId = fn?.Properties.Role['Fn::GetAtt'][0];
    return Object.values(resourcesOf('AWS::IAM::Policy'))
      .filter((policy) => policy.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleId))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement)
      .filter((statement: any) => [statement.Action].flat().some((action: string) => action.startsWith('dynamodb:')));
  };

  it('let the citizen answer function write only survey partitions and read contacts only by key', () => {
    const statements = statementsOf('POST /s/{token}:');
    const leadingKeys = (action: string) =>
      statements.find((statement: any) => [statement.Action].flat().includes(action))?.Condition?.[
        'ForAllValues:StringLike'
      ]?.['dynamodb:LeadingKeys'];
    expect(leadingKeys('dynamodb:PutItem')).toEqual(['SURVEY#*', 'SURVEY_COUNTERS#*']);
    expect(leadingKeys('dynamodb:GetItem')).toEqual(['CONTACT#*', 'SURVEY#*', 'SURVEY_COUNTERS#*', 'SURVEY_LINK#*']);
    expect(
      statements
        .flatMap((statement: any) => [statement.Resource].flat())
        .map((resource) => JSON.stringify(resource))
        .join(),
    ).not.toContain('index');
  });

  it('grant no function Scan, stream reads or DescribeTable, and every item action under LeadingKeys', () => {
    for (const policy of Object.values(resourcesOf('AWS::IAM::Policy')))
      for (const statement of policy.Properties.PolicyDocument.Statement) {
        const actions: string[] = [statement.Action].flat();
        for (const forbidden of [
          'dynamodb:Scan',
          'dynamodb:GetRecords',
          'dynamodb:GetShardIterator',
          'dynamodb:DescribeTable',
          'dynamodb:*',
        ])
          expect(actions).not.toContain(forbidden);
        const onItems = actions.some((action) => ['dynamodb:GetItem', 'dynamodb:PutItem'].includes(action));
        if (onItems) expect(statement.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys']).toBeDefined();
      }
  });
});

describe('the deployment’s secrets', () => {
  it('are generated by Secrets Manager at deploy time, and functions find each by its declared variable', () => {
    const secrets = resourcesOf('AWS::SecretsManager::Secret');
    expect(Object.keys(secrets)).toHaveLength(Object.keys(SECRETS).length);
    for (const [name, declared] of Object.entries(SECRETS)) {
      const [secretId] = Object.entries(secrets).find(
        ([, secret]) => secret.Properties.Description === declared.description,
      ) ?? [name];
      expect(secrets[secretId]?.Properties.GenerateSecretString).toEqual({
        PasswordLength: 64,
        ExcludePunctuation: true,
      });
      for (const fn of Object.values(resourcesOf('AWS::Lambda::Function')).filter(
        (candidate) => candidate.Properties.Environment?.Variables?.TABLE_NAME,
      ))
        expect(fn.Properties.Environment.Variables[declared.environmentVariable]).toEqual({ Ref: secretId });
    }
  });
});

describe('operations monitoring', () => {
  const monitoring = Template.fromStack(defaultTemplate().stack.monitoring);
  const monitored = (type: string) => monitoring.findResources(type) as Record<string, { Properties: any }>;
  const alarms = Object.values(monitored('AWS::CloudWatch::Alarm')).map((alarm) => alarm.Properties);
  const functionCount = Object.keys(resourcesOf('AWS::Lambda::Function')).filter(
    // CDK's own deploy-time functions: emptying a bucket, its notifications, reading the edge stack's ARN.
    (id) => !/^(CustomS3AutoDeleteObjects|BucketNotificationsHandler|CustomCrossRegionExportReader)/.test(id),
  ).length;
  const topics = Object.keys(monitored('AWS::SNS::Topic'));

  it('alarms on every function’s errors and throttles, each notifying the one alarm topic', () => {
    expect(topics).toHaveLength(1);
    for (const metricName of ['Errors', 'Throttles']) {
      const onMetric = alarms.filter((alarm) => alarm.Namespace === 'AWS/Lambda' && alarm.MetricName === metricName);
      expect(onMetric.length, metricName).toBe(functionCount);
      for (const alarm of onMetric) {
        expect(alarm).toMatchObject({
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          Statistic: 'Sum',
        });
        expect(alarm.AlarmActions).toEqual([{ Ref: topics[0] }]);
      }
    }
  });

  it('alarms on a failed import (the jobs’ own metric) and on the API’s server errors', () => {
    expect(alarms).toContainEqual(
      expect.objectContaining({
        Namespace: METRICS_NAMESPACE,
        MetricName: METRIC.importFailures,
        Dimensions: [{ Name: 'service', Value: 'voxcitio' }],
        AlarmActions: [{ Ref: topics[0] }],
      }),
    );
    expect(alarms).toContainEqual(expect.objectContaining({ Namespace: 'AWS/ApiGateway', MetricName: '5xx' }));
  });

  it('has a dashboard of requests, errors, throttles, imports and submissions', () => {
    const [dashboard] = Object.values(monitored('AWS::CloudWatch::Dashboard'));
    const body = JSON.stringify(dashboard?.Properties.DashboardBody);
    for (const shown of [
      'API requests and errors',
      'Function errors and throttles',
      METRIC.importRows,
      METRIC.importRowsPerSecond,
      METRIC.surveySubmissions,
    ])
      expect(body).toContain(shown);
  });

  it('keeps the alarm topic encrypted and SSL-only', () => {
    monitoring.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    monitoring.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });
});
