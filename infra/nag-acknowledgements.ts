import { type CfnResource, Stack, Validations } from 'aws-cdk-lib';
import { BUCKET_TRIGGERS, OBJECT_NAMING, TRIGGER_FAILURES } from '../shared/core/files/buckets';
import { QUEUE_TRIGGERS } from '../shared/core/queues/queues';
import { SCHEDULED_TASKS } from '../shared/core/schedules';
import { allRoutes } from '../shared/routes';
import { objectPrefixes } from './constructs/object-access';
import type { VoxcitioStack } from './voxcitio-stack';

/**
 * Every AwsSolutions finding this app accepts, each on the narrowest construct it applies to and with the
 * reason it stands. Anything not listed here fails synth, and the infrastructure tests.
 */
export function acknowledgeNagFindings(stack: VoxcitioStack): void {
  const tableArn = `<${Stack.of(stack).getLogicalId(stack.dataStore.table.node.defaultChild as CfnResource)}.Arn>`;

  const functions = [
    ...stack.httpApi.functions.values(),
    ...stack.bucketTriggers.functions.values(),
    ...stack.scheduledTasks.functions.values(),
    ...stack.messaging.functions.values(),
  ];
  const sendingEmail = new Set(
    [...allRoutes, ...QUEUE_TRIGGERS].filter((declared) => declared.sendsEmail).map((declared) => declared.name),
  );
  for (const fn of functions) {
    const logGroupArn = `<${Stack.of(stack).getLogicalId(fn.logGroup.node.defaultChild as CfnResource)}.Arn>`;
    const name = [...stack.httpApi.functions, ...stack.messaging.functions].find(([, f]) => f === fn)?.[0];
    Validations.of(fn).acknowledge(
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: `Active X-Ray tracing adds xray:PutTraceSegments and xray:PutTelemetryRecords, which support no resource-level permissions.${
          name && sendingEmail.has(name)
            ? ' ses:GetAccount (the sending quota the function paces to) has no resource either; sending itself is granted on the sender identity and the configuration set only.'
            : ''
        }`,
      },
      {
        id: `AwsSolutions-IAM5[Resource::${logGroupArn}:log-stream:*]`,
        reason:
          'The function writes to its own log group only; Lambda names a log stream per execution environment at run time, so the streams cannot be named ahead.',
      },
    );
  }
  const tableUsers = [
    ...allRoutes.filter((route) => route.table !== 'none').map((route) => stack.httpApi.functions.get(route.name)),
    ...BUCKET_TRIGGERS.filter((trigger) => trigger.table !== 'none').map((trigger) =>
      stack.bucketTriggers.functions.get(trigger.name),
    ),
    stack.bucketTriggers.functions.get(TRIGGER_FAILURES.name),
    ...SCHEDULED_TASKS.filter((task) => task.table !== 'none').map((task) =>
      stack.scheduledTasks.functions.get(task.name),
    ),
    ...QUEUE_TRIGGERS.filter((trigger) => trigger.table !== 'none').map((trigger) =>
      stack.messaging.functions.get(trigger.name),
    ),
  ];
  for (const fn of tableUsers) {
    if (!fn) continue;
    Validations.of(fn).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${tableArn}/index/*]`,
      reason:
        'Queries use the table’s generic indexes (gsi1..gsiN, docs/data-model.md); the wildcard covers only the indexes of this one table.',
    });
  }

  Validations.of(stack.secrets.secrets.signing).acknowledge({
    id: 'AwsSolutions-SMG4',
    reason:
      'The signing key signs pagination cursors and device tokens. Rotating it invalidates every outstanding device token (one-per-device surveys would take a second answer from each device) and verifying against the previous version is not built, so it is rotated by hand when compromised (docs/operations.md).',
  });

  Validations.of(stack.secrets.secrets.edge).acknowledge({
    id: 'AwsSolutions-SMG4',
    reason:
      'The edge value is copied into the CloudFront origin header when the distribution is deployed, and CloudFormation resolves it again only when the distribution changes. Rotated by Secrets Manager, functions would expect the new value while CloudFront still sent the old, refusing every citizen request. It only keeps requests from going round the rate limit; it is rotated by hand (docs/operations.md).',
  });
  Validations.of(stack.edge.distribution).acknowledge(
    {
      id: 'AwsSolutions-CFR3',
      reason:
        'CloudFront’s standard logs record each request’s path, and a citizen link’s path is its token: no log may hold one. API Gateway’s access log records each request by route key, and WAF’s CloudWatch metrics count the requests the rate limit refused.',
    },
    {
      id: 'AwsSolutions-CFR4',
      reason:
        'With CloudFront’s own cloudfront.net certificate the viewer security policy cannot be raised; that needs a custom domain with the city’s certificate, which this stack does not take yet. The origin side is TLS 1.2 only.',
    },
    {
      id: 'AwsSolutions-CFR1',
      reason:
        'Citizens answer from wherever they are (residents abroad or travelling, people using a VPN); there is no country a council could refuse.',
    },
  );

  const importsArn = `<${Stack.of(stack).getLogicalId(stack.files.imports.node.defaultChild as CfnResource)}.Arn>`;
  const objectUsers = [
    ...allRoutes.map((route) => [stack.httpApi.functions.get(route.name), route.objects] as const),
    ...BUCKET_TRIGGERS.map((trigger) => [stack.bucketTriggers.functions.get(trigger.name), trigger.objects] as const),
    ...SCHEDULED_TASKS.map((task) => [stack.scheduledTasks.functions.get(task.name), task.objects] as const),
  ];
  for (const [fn, objects] of objectUsers) {
    if (!fn) continue;
    for (const prefix of objectPrefixes(objects))
      Validations.of(fn).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${importsArn}/${prefix}*]`,
        reason: `Objects under ${prefix} are named ${OBJECT_NAMING[prefix] ?? 'per entity'}; the function gets only s3:GetObject and/or s3:PutObject there, as declared.`,
      });
  }

  const failures = stack.bucketTriggers.functions.get(TRIGGER_FAILURES.name);
  if (failures) {
    const failuresArn = `<${Stack.of(stack).getLogicalId(failures.node.defaultChild as CfnResource)}.Arn>`;
    for (const trigger of BUCKET_TRIGGERS) {
      const fn = stack.bucketTriggers.functions.get(trigger.name);
      if (fn)
        Validations.of(fn).acknowledge({
          id: `AwsSolutions-IAM5[Resource::${failuresArn}:*]`,
          reason:
            'Lambda sends a failed event to its on-failure destination as this function: CDK grants lambda:InvokeFunction on the trigger-failure function and its versions (:*), that one function only.',
        });
    }
  }

  // CDK's own custom resource that writes the bucket notification configuration.
  const notificationsHandler = Stack.of(stack)
    .node.findAll()
    .find((construct) => construct.node.id.startsWith('BucketNotificationsHandler'));
  if (notificationsHandler)
    Validations.of(notificationsHandler).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        'CDK’s BucketNotificationsHandler runs only at deploy time to set the imports bucket’s notifications; its role is CDK’s, with basic logging only.',
    });

  for (const [name, route] of stack.httpApi.routes) {
    if (!(name in PUBLIC_ROUTES)) continue;
    Validations.of(route).acknowledge({ id: 'AwsSolutions-APIG4', reason: PUBLIC_ROUTES[name] as string });
  }

  Validations.of(stack.staff.userPool).acknowledge({
    id: 'AwsSolutions-COG8',
    reason:
      'The Plus feature plan (threat protection) is billed per active user; a city can switch the plan on without code changes. Essentials keeps the password policy, MFA and admin-only sign-up.',
  });
}

const NO_DATA =
  'Public by design: the liveness check, the API description and the JSON 404/405 for unmatched requests reveal no data; staff routes use the Cognito JWT authorizer.';
const CITIZEN_LINK =
  'Citizens have no account: the link token in the path is the credential (160 random bits, stored only as a hash, scoped to one survey, expiring when it closes, revocable), the route has its own throttle (all clients together), and each client address is limited by the WAF rule in front (CloudFront), which the function insists the request came through.';
const UNSUBSCRIBE_LINK =
  'RFC 8058 one-click unsubscribe: a mail provider posts to the link with no login or cookie, so it cannot sit behind the authorizer. The token in the path is the credential (an HMAC under the deployment’s signing key naming one contact and campaign); it can only withdraw consent, and the route has its own throttle.';
/** Why each route without the JWT authorizer is public; a public route missing here fails cdk-nag. */
const PUBLIC_ROUTES: Record<string, string> = {
  health: NO_DATA,
  openApi: NO_DATA,
  notFound: NO_DATA,
  getCitizenSurvey: CITIZEN_LINK,
  submitCitizenSurvey: CITIZEN_LINK,
  getUnsubscribe: UNSUBSCRIBE_LINK,
  unsubscribe: UNSUBSCRIBE_LINK,
};
